internal import Atomics
internal import EndpointTable

/// The namespaces that hold at least one MCS service name, computed once per table snapshot on
/// the first query that needs it, so `<ns>.svc.<clusterset>` costs a set lookup.
final class NamespaceIndex: AtomicReference, Sendable {
    /// The snapshot the set was computed from; kept so the next query can tell whether it is current.
    let snapshot: TableSnapshot
    let namespaces: Set<String>

    init(snapshot: TableSnapshot) {
        var namespaces: Set<String> = []
        for key in snapshot.services.keys where !namespaces.contains(key.namespace) {
            let scope = ServiceScope.clusterset(key)
            if scope.exists(scope.candidates(in: snapshot)) {
                namespaces.insert(key.namespace)
            }
        }
        self.snapshot = snapshot
        self.namespaces = namespaces
    }

    /// The index for `snapshot`: the one in `slot` when current, else a new one, stored for the queries after.
    static func current(for snapshot: TableSnapshot, in slot: ManagedAtomic<NamespaceIndex>) -> NamespaceIndex {
        let cached = slot.load(ordering: .acquiring)
        guard cached.snapshot !== snapshot else { return cached }
        let index = NamespaceIndex(snapshot: snapshot)
        slot.store(index, ordering: .releasing)
        return index
    }
}
