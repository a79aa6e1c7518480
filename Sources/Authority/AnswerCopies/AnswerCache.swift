internal import DNSWire

/// Encoded responses of one UDP worker, up to (not including) their OPT record, by question,
/// size limit, client network and rotation step; valid for one zone set, and for the table
/// until a change affects what each was built from (its ``TableDependency``).
///
/// Memory stays within the worker's share of the process budget, however many names are asked:
/// - entries live in two generations; new ones go to the young one, an entry found in the old
///   one moves to the young one, and when the young one is full the old one is emptied and
///   takes its place. Names asked again within two generations stay; cold ones go;
/// - until the young generation first fills, every question is stored at its first ask; from
///   then on only when it is asked a second time while its key still sits in a small admission
///   filter, so a flood of names asked once each stores nothing and cannot push out the names
///   clients keep asking.
///
/// Not thread-safe: one worker thread owns it.
struct AnswerCache {
    /// What, besides the question name, picks an encoded response.
    struct Key: Hashable {
        var nameHash: UInt64
        var type: UInt16
        var recordClass: UInt16
        /// Bytes the records may take: the size limit less the OPT record.
        var recordLimit: Int32
        /// True when the response carries an OPT record, which leaves room for an extended error.
        var carriesOPT: Bool
        /// The index of the cluster network holding the client, or -1.
        var placement: Int32
    }

    /// One encoded response, the data of the extended error its OPT record carries (an empty
    /// range for none), and where its SOA serial lies when that follows the table.
    struct Variant {
        let bytes: Range<Int>
        let extendedError: Range<Int>
        let serial: SerialSlot?
    }

    /// An SOA serial field in a stored response: the serial for answer version `v` is `base &+ v`
    /// (truncated to 32 bits), as for every SOA of a dynamic zone.
    struct SerialSlot {
        let offset: Int
        let base: UInt32

        /// The slot at `offset` that holds `serial` for the table at `version`.
        init(offset: Int, serial: UInt32, atVersion version: UInt64) {
            self.offset = offset
            base = serial &- UInt32(truncatingIfNeeded: version)
        }

        /// The serial for the table at `version`.
        func serial(atVersion version: UInt64) -> UInt32 {
            base &+ UInt32(truncatingIfNeeded: version)
        }
    }

    /// One question's responses in the young generation: `period` of them, one per rotation
    /// step, from `firstVariant`.
    struct Entry {
        let key: Key
        let name: Range<Int>
        let period: Int
        let firstVariant: Int
        let dependency: TableDependency
    }

    /// The smallest generation, whatever the budget.
    static let minimumGenerationBytes = 64 << 10

    private var young: AnswerCacheGeneration
    private var old: AnswerCacheGeneration
    private var admission = CacheAdmission()
    /// Set once the young generation has filled: from then on new keys pass the admission filter.
    private var isUnderPressure = false
    /// Entries dropped to make room so far: the old generation's, each time it was emptied.
    private(set) var evictions = 0

    /// A cache taking at most `budget` bytes (responses, names and bookkeeping) once full.
    init(budget: Int) {
        let generationBytes = max(Self.minimumGenerationBytes, (budget - CacheAdmission.byteSize) / 2)
        young = AnswerCacheGeneration(byteLimit: generationBytes)
        old = AnswerCacheGeneration(byteLimit: generationBytes)
    }

    /// The bytes both generations count against the budget (the admission filter aside).
    var usage: Int {
        young.usage + old.usage
    }

    /// The entry for `key` whose name equals the query's, if any; one found in the old
    /// generation moves to the young one first.
    mutating func entry(for key: Key, query: QueryView, message: UnsafeRawBufferPointer) -> Entry? {
        if let entry = young.entry(for: key, query: query, message: message) {
            return entry
        }
        guard let entry = old.entry(for: key, query: query, message: message) else { return nil }
        return promote(entry)
    }

    /// True when the response for `key` is worth storing: always until the cache first filled,
    /// then when `key` was asked recently enough (it is noted otherwise).
    mutating func admits(_ key: Key) -> Bool {
        !isUnderPressure || admission.admits(key)
    }

    /// True when `key` was asked before (the admission filter's rule), full cache or not; for
    /// answers cheap to make again, which are worth a copy only when asked repeatedly.
    mutating func admitsOnSecondAsk(_ key: Key) -> Bool {
        admission.admits(key)
    }

    /// Adds an entry for the query's name with `period` empty variants, replacing any under `key`;
    /// `nil` when one entry alone would not fit a generation.
    mutating func insert(
        _ key: Key, query: QueryView, message: UnsafeRawBufferPointer, period: Int, dependency: TableDependency
    ) -> Entry? {
        guard makeRoom(nameLength: query.nameLength, period: period) else { return nil }
        let name = UnsafeRawBufferPointer(rebasing: message[QueryView.nameOffset..<(QueryView.nameOffset + query.nameLength)])
        return young.insert(key, name: name, period: period, dependency: dependency)
    }

    /// The encoded response of `entry` for rotation step `step`, if stored.
    func variant(of entry: Entry, step: Int) -> Variant? {
        young.variant(of: entry, step: step)
    }

    /// Stores `response`, whose SOA serial (if it follows the table) is at `serial` and whose
    /// OPT record carries the extended error with data `extendedError` (empty for none), as the
    /// variant of `entry` for `step`, and returns it; `nil` when the young generation is full.
    mutating func store(
        _ response: UnsafeRawBufferPointer, serial: SerialSlot?, extendedError: UnsafeRawBufferPointer = UnsafeRawBufferPointer(start: nil, count: 0),
        for entry: Entry, step: Int
    ) -> Variant? {
        young.store(response, serial: serial, extendedError: extendedError, for: entry, step: step)
    }

    /// Calls `body` with the response bytes of a stored variant and its extended error's data.
    func withBytes<Result>(of variant: Variant, _ body: (UnsafeRawBufferPointer, UnsafeRawBufferPointer) -> Result) -> Result {
        young.withBytes(in: variant.bytes.lowerBound..<variant.extendedError.upperBound) { stored in
            let split = variant.bytes.count
            return body(UnsafeRawBufferPointer(rebasing: stored[..<split]), UnsafeRawBufferPointer(rebasing: stored[split...]))
        }
    }

    /// Forgets the entries a table change touching the services named `changedNames` (every
    /// service when `nil`) can have changed, in both generations.
    mutating func removeEntries(affectedBy changedNames: Set<String>?) {
        young.removeEntries(affectedBy: changedNames)
        old.removeEntries(affectedBy: changedNames)
    }

    /// Forgets every entry, keeping the storage for the next ones.
    mutating func removeAll() {
        young.removeAll()
        old.removeAll()
    }

    /// Makes the young generation able to take an entry, emptying the old one and swapping the
    /// two when it is full; false when the entry is larger than a whole generation.
    private mutating func makeRoom(nameLength: Int, period: Int) -> Bool {
        if young.hasRoom(nameLength: nameLength, period: period) {
            return true
        }
        isUnderPressure = true
        evictions += old.entryCount
        old.removeAll()
        swap(&young, &old)
        return young.hasRoom(nameLength: nameLength, period: period)
    }

    /// Copies `entry` of the old generation, with the variants it has, into the young one.
    private mutating func promote(_ entry: Entry) -> Entry? {
        let name = old.withBytes(in: entry.name) { Array($0) }
        let stored = (0..<entry.period).map { step in
            old.variant(of: entry, step: step).map { variant in
                (
                    bytes: old.withBytes(in: variant.bytes) { Array($0) }, extendedError: old.withBytes(in: variant.extendedError) { Array($0) },
                    serial: variant.serial
                )
            }
        }
        guard makeRoom(nameLength: name.count, period: entry.period) else { return nil }
        let promoted = name.withUnsafeBytes { young.insert(entry.key, name: $0, period: entry.period, dependency: entry.dependency) }
        for (step, variant) in stored.enumerated() {
            guard let variant else { continue }
            _ = variant.bytes.withUnsafeBytes { bytes in
                variant.extendedError.withUnsafeBytes { young.store(bytes, serial: variant.serial, extendedError: $0, for: promoted, step: step) }
            }
        }
        return promoted
    }
}
