/// Which services each of a table's recent versions changed, so a reader that cached answers from
/// an older snapshot learns what to drop without comparing the two tables.
///
/// Every snapshot carries the log of the table it came from, with one entry per version for the
/// last ``capacity`` versions. An entry is `nil` when the change could alter any answer: a cluster
/// came or went, or changed its lease or region.
struct TableChangeLog: Sendable {
    static let capacity = 64

    /// Tells tables apart: a snapshot built from another table's parts starts its own lineage.
    let lineage: UInt64
    /// The version of the first entry.
    private(set) var firstVersion: UInt64
    /// The services whose exports changed in versions `firstVersion...`, one entry per version.
    private(set) var entries: [Set<ServiceKey>?]

    /// An empty log for a table whose current version is `version`.
    init(startingAfter version: UInt64) {
        lineage = .random(in: .min ... .max)
        firstVersion = version + 1
        entries = []
    }

    /// The log with its next version recorded as changing the services `keys`.
    func recording(changedServices keys: Set<ServiceKey>?) -> TableChangeLog {
        var next = self
        if next.entries.count == Self.capacity {
            next.entries.removeFirst()
            next.firstVersion += 1
        }
        next.entries.append(keys)
        return next
    }

    /// True when the log holds every version after `version`.
    func reaches(back version: UInt64) -> Bool {
        version + 1 >= firstVersion && version + 1 <= firstVersion + UInt64(entries.count)
    }

    /// The services changed after `version` (which the log must reach back to) up to its last
    /// entry; `nil` when any answer may have changed.
    func changedServices(after version: UInt64) -> Set<ServiceKey>? {
        var keys: Set<ServiceKey> = []
        for entry in entries[Int(version + 1 - firstVersion)...] {
            guard let entry else { return nil }
            keys.formUnion(entry)
        }
        return keys
    }

    /// The names of the services ``changedServices(after:)`` returns.
    func changedServiceNames(after version: UInt64) -> Set<String>? {
        changedServices(after: version).map { Set($0.map(\.name)) }
    }
}
