internal import EndpointTable

/// The namespaces that hold at least one MCS service name, so `<ns>.svc.<clusterset>` costs a
/// dictionary lookup.
///
/// Kept current as the table changes: the first query after a change updates the index of the
/// previous snapshot with only the services the change touched (from the table's change log),
/// and rebuilds it whole only when a change can alter every answer (a cluster came, went, or
/// changed its lease or region).
final class NamespaceIndex: SnapshotIndex {
    /// The snapshot the index describes; kept so the next query can tell whether it is current.
    let snapshot: TableSnapshot
    /// The names of the services that exist in each namespace holding any.
    private let existing: [String: Set<String>]

    /// The index of `snapshot`, built by checking every service.
    convenience init(snapshot: TableSnapshot) {
        var existing: [String: Set<String>] = [:]
        for key in snapshot.services.keys where Self.exists(key, in: snapshot) {
            existing[key.namespace, default: []].insert(key.name)
        }
        self.init(snapshot: snapshot, existing: existing)
    }

    private init(snapshot: TableSnapshot, existing: [String: Set<String>]) {
        self.snapshot = snapshot
        self.existing = existing
    }

    /// True when `namespace` holds an MCS service name.
    func contains(_ namespace: String) -> Bool {
        existing[namespace] != nil
    }

    /// This index brought up to `newer`, checking again only the services changed in between.
    func updated(to newer: TableSnapshot) -> NamespaceIndex {
        guard let changed = newer.changedServices(since: snapshot) else { return NamespaceIndex(snapshot: newer) }
        var existing = self.existing
        for key in changed {
            if Self.exists(key, in: newer) {
                existing[key.namespace, default: []].insert(key.name)
            } else if var names = existing[key.namespace] {
                names.remove(key.name)
                existing[key.namespace] = names.isEmpty ? nil : names
            }
        }
        return NamespaceIndex(snapshot: newer, existing: existing)
    }

    private static func exists(_ key: ServiceKey, in snapshot: TableSnapshot) -> Bool {
        let scope = ServiceScope.clusterset(key)
        return scope.exists(scope.candidates(in: snapshot))
    }
}
