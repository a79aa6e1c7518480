internal import DNSWire

/// Encoded responses of one UDP worker, up to (not including) their OPT record, by question,
/// size limit, client network and rotation step; valid for one zone set, and for the table
/// until a change affects what each was built from (its ``TableDependency``).
///
/// Storage is flat arrays reused across ``removeAll()``, so in steady state a lookup and
/// a copy allocate nothing. Not thread-safe: one worker thread owns it.
struct AnswerCache {
    /// What, besides the question name, picks an encoded response.
    struct Key: Hashable {
        var nameHash: UInt64
        var type: UInt16
        var recordClass: UInt16
        /// Bytes the records may take: the size limit less the OPT record.
        var recordLimit: Int32
        /// The index of the cluster network holding the client, or -1.
        var placement: Int32
    }

    /// One encoded response, and where its SOA serial lies when that follows the table.
    struct Variant {
        let bytes: Range<Int>
        let serial: SerialSlot?
    }

    /// An SOA serial field in a stored response: the serial for table version `v` is `base &+ v`
    /// (truncated to 32 bits), as for every SOA of a dynamic zone.
    struct SerialSlot {
        let offset: Int
        let base: UInt32

        /// The serial for the table at `version`.
        func serial(atVersion version: UInt64) -> UInt32 {
            base &+ UInt32(truncatingIfNeeded: version)
        }
    }

    /// One question's responses: `period` of them, one per rotation step, from `firstVariant`.
    struct Entry {
        let key: Key
        let name: Range<Int>
        let period: Int
        let firstVariant: Int
        let dependency: TableDependency
    }

    /// Past these sizes the cache starts over, so a flood of distinct names cannot grow it without
    /// bound. They leave room beyond the answers of 10,000 services (about 58,000 questions, 17 MiB),
    /// as copies a table change dropped keep their storage until then.
    static let maxEntries = 131_072
    static let maxBytes = 32 << 20

    private var index: [Key: Int] = [:]
    private var entries: [Entry] = []
    private var names: [UInt8] = []
    private var variants: [Variant?] = []
    private var bytes: [UInt8] = []
    /// The positions in `entries` of the entries built from each service name's exports.
    private var dependents: [String: [Int]] = [:]
    /// The positions of the entries that any table change affects.
    private var tableWide: [Int] = []

    /// The entry for `key` whose name equals the query's, if any.
    func entry(for key: Key, query: QueryView, message: UnsafeRawBufferPointer) -> Entry? {
        guard let position = index[key] else { return nil }
        let entry = entries[position]
        let matches = names.withUnsafeBytes { query.nameEquals(in: message, UnsafeRawBufferPointer(rebasing: $0[entry.name])) }
        return matches ? entry : nil
    }

    /// Adds an entry for the query's name with `period` empty variants, replacing any under `key`.
    mutating func insert(
        _ key: Key, query: QueryView, message: UnsafeRawBufferPointer, period: Int, dependency: TableDependency
    ) -> Entry {
        if entries.count >= Self.maxEntries || names.count + bytes.count >= Self.maxBytes {
            removeAll()
        }
        let nameStart = names.count
        names.append(contentsOf: UnsafeRawBufferPointer(rebasing: message[QueryView.nameOffset..<(QueryView.nameOffset + query.nameLength)]))
        let entry = Entry(key: key, name: nameStart..<names.count, period: period, firstVariant: variants.count, dependency: dependency)
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
    func variant(of entry: Entry, step: Int) -> Variant? {
        variants[entry.firstVariant + step]
    }

    /// Stores `response`, whose SOA serial (if it follows the table) is at `serial`, as the
    /// variant of `entry` for `step`, and returns it.
    mutating func store(_ response: UnsafeRawBufferPointer, serial: SerialSlot?, for entry: Entry, step: Int) -> Variant {
        let start = bytes.count
        bytes.append(contentsOf: response)
        let variant = Variant(bytes: start..<bytes.count, serial: serial)
        variants[entry.firstVariant + step] = variant
        return variant
    }

    /// Calls `body` with the bytes of a stored variant.
    func withBytes<Result>(of variant: Variant, _ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        bytes.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[variant.bytes])) }
    }

    /// Forgets the entries a table change touching the services named `changedNames` (every
    /// service when `nil`) can have changed; their bytes stay until the cache starts over. Costs
    /// in proportion to the entries forgotten, not to the entries kept.
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
        names.removeAll(keepingCapacity: true)
        variants.removeAll(keepingCapacity: true)
        bytes.removeAll(keepingCapacity: true)
    }
}
