internal import Atomics
internal import EndpointTable

/// An index computed from one table snapshot, which can be brought up to a newer one; queries
/// share the current one through an atomic slot.
protocol SnapshotIndex: AtomicReference, Sendable {
    /// The snapshot the index describes; kept so the next query can tell whether it is current.
    var snapshot: TableSnapshot { get }
    /// The index brought up to `newer`.
    func updated(to newer: TableSnapshot) -> Self
}

extension SnapshotIndex where _AtomicBase == Self {
    /// The index for `snapshot`: the one in `slot` when current, else that one updated, stored for the queries after.
    static func current(for snapshot: TableSnapshot, in slot: ManagedAtomic<Self>) -> Self {
        let cached = slot.load(ordering: .acquiring)
        guard cached.snapshot !== snapshot else { return cached }
        let index = cached.updated(to: snapshot)
        slot.store(index, ordering: .releasing)
        return index
    }
}
