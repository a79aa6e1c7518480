internal import DNSWire

/// One generation of an ``AnswerCache``: encoded responses by key, stored in flat arrays that are
/// reused when the generation is emptied, within a fixed byte limit.
///
/// Not thread-safe: one worker thread owns it.
struct AnswerCacheGeneration {
    /// What one entry costs beyond its name and response bytes: its index slot, its record and
    /// its dependency lists, as a fixed estimate, so the limit bounds the bookkeeping too.
    static let entryCost = 160
    /// What one rotation step's slot costs beyond its response bytes.
    static let variantCost = 48

    /// The most this generation holds, bookkeeping included.
    let byteLimit: Int
    private var index: [AnswerCache.Key: Int] = [:]
    private var entries: [AnswerCache.Entry] = []
    private var variants: [AnswerCache.Variant?] = []
    /// The question names and the encoded responses, back to back.
    private var bytes: [UInt8] = []
    /// The positions in `entries` of the entries built from each service name's exports.
    private var dependents: [String: [Int]] = [:]
    /// The positions of the entries that any table change affects.
    private var tableWide: [Int] = []

    init(byteLimit: Int) {
        self.byteLimit = byteLimit
    }

    /// The bytes this generation counts against its limit.
    /// The entries it can still find.
    var entryCount: Int { index.count }

    var usage: Int {
        bytes.count + entries.count * Self.entryCost + variants.count * Self.variantCost
    }

    /// True when an entry for a name of `nameLength` bytes with `period` steps fits.
    func hasRoom(nameLength: Int, period: Int) -> Bool {
        usage + nameLength + Self.entryCost + period * Self.variantCost <= byteLimit
    }

    /// The entry for `key` whose name equals the query's, if any.
    func entry(for key: AnswerCache.Key, query: QueryView, message: UnsafeRawBufferPointer) -> AnswerCache.Entry? {
        guard let position = index[key] else { return nil }
        let entry = entries[position]
        let matches = bytes.withUnsafeBytes { query.nameEquals(in: message, UnsafeRawBufferPointer(rebasing: $0[entry.name])) }
        return matches ? entry : nil
    }

    /// Adds an entry named by the wire-format `name` with `period` empty variants, replacing any
    /// under `key`; check ``hasRoom(nameLength:period:)`` first.
    mutating func insert(
        _ key: AnswerCache.Key, name: UnsafeRawBufferPointer, period: Int, dependency: TableDependency
    ) -> AnswerCache.Entry {
        let nameStart = bytes.count
        append(name)
        let entry = AnswerCache.Entry(
            key: key, name: nameStart..<bytes.count, period: period, firstVariant: variants.count, dependency: dependency)
        variants.append(contentsOf: repeatElement(nil, count: period))
        switch dependency {
        case .none: break
        case .service(let name): dependents[name, default: []].append(entries.count)
        case .anyChange: tableWide.append(entries.count)
        }
        index[key] = entries.count
        entries.append(entry)
        return entry
    }

    /// The encoded response of `entry` for rotation step `step`, if stored.
    func variant(of entry: AnswerCache.Entry, step: Int) -> AnswerCache.Variant? {
        variants[entry.firstVariant + step]
    }

    /// Stores `response`, followed by the data of the extended error its OPT record carries
    /// (empty for none), as the variant of `entry` for `step` and returns it, or returns `nil`
    /// and stores nothing when it would take the generation past its limit.
    mutating func store(
        _ response: UnsafeRawBufferPointer, serial: AnswerCache.SerialSlot?, extendedError: UnsafeRawBufferPointer,
        for entry: AnswerCache.Entry, step: Int
    ) -> AnswerCache.Variant? {
        guard usage + response.count + extendedError.count <= byteLimit else { return nil }
        let start = bytes.count
        append(response)
        let end = bytes.count
        append(extendedError)
        let variant = AnswerCache.Variant(bytes: start..<end, extendedError: end..<bytes.count, serial: serial)
        variants[entry.firstVariant + step] = variant
        return variant
    }

    /// Appends to `bytes`, growing its storage by doubling but never past `byteLimit`, so the
    /// storage stays within the limit however the responses arrive.
    private mutating func append(_ data: UnsafeRawBufferPointer) {
        let needed = bytes.count + data.count
        if needed > bytes.capacity {
            bytes.reserveCapacity(max(needed, min(byteLimit, max(4096, bytes.capacity * 2))))
        }
        bytes.append(contentsOf: data)
    }

    /// Calls `body` with the bytes at `range`: a stored variant's response or an entry's name.
    func withBytes<Result>(in range: Range<Int>, _ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        bytes.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[range])) }
    }

    /// Forgets the entries a table change touching the services named `changedNames` (every
    /// service when `nil`) can have changed; their bytes stay until the generation is emptied.
    /// Costs in proportion to the entries forgotten, not to the entries kept.
    mutating func removeEntries(affectedBy changedNames: Set<String>?) {
        guard let changedNames else {
            index = index.filter { entries[$0.value].dependency == .none }
            dependents.removeAll(keepingCapacity: true)
            tableWide.removeAll(keepingCapacity: true)
            return
        }
        for position in tableWide {
            forget(position)
        }
        tableWide.removeAll(keepingCapacity: true)
        for name in changedNames {
            for position in dependents.removeValue(forKey: name) ?? [] {
                forget(position)
            }
        }
    }

    /// Unindexes the entry at `position` unless a newer entry took its key.
    private mutating func forget(_ position: Int) {
        let key = entries[position].key
        if index[key] == position {
            index[key] = nil
        }
    }

    /// Forgets every entry, keeping the storage for the next ones.
    mutating func removeAll() {
        index.removeAll(keepingCapacity: true)
        entries.removeAll(keepingCapacity: true)
        dependents.removeAll(keepingCapacity: true)
        tableWide.removeAll(keepingCapacity: true)
        variants.removeAll(keepingCapacity: true)
        bytes.removeAll(keepingCapacity: true)
    }
}
