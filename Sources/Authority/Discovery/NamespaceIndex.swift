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
    /// The expired policies, which can withdraw a service's only exports.
    private let policies: ExpiredPolicies

    /// The index of `snapshot` under `policies`, built by checking every service.
    convenience init(snapshot: TableSnapshot, policies: ExpiredPolicies) {
        var existing: [String: Set<String>] = [:]
        for key in snapshot.services.keys where Self.exists(key, in: snapshot, policies: policies) {
            existing[key.namespace, default: []].insert(key.name)
        }
        self.init(snapshot: snapshot, existing: existing, policies: policies)
    }

    private init(snapshot: TableSnapshot, existing: [String: Set<String>], policies: ExpiredPolicies) {
        self.snapshot = snapshot
        self.existing = existing
        self.policies = policies
    }

    /// True when `namespace` holds an MCS service name.
    func contains(_ namespace: String) -> Bool {
        existing[namespace] != nil
    }

    /// This index brought up to `newer`, checking again only the services changed in between.
    func updated(to newer: TableSnapshot) -> NamespaceIndex {
        guard let changed = newer.changedServices(since: snapshot) else { return NamespaceIndex(snapshot: newer, policies: policies) }
        var existing = self.existing
        for key in changed {
            if Self.exists(key, in: newer, policies: policies) {
                existing[key.namespace, default: []].insert(key.name)
            } else if var names = existing[key.namespace] {
                names.remove(key.name)
                existing[key.namespace] = names.isEmpty ? nil : names
            }
        }
        return NamespaceIndex(snapshot: newer, existing: existing, policies: policies)
    }

    private static func exists(_ key: ServiceKey, in snapshot: TableSnapshot, policies: ExpiredPolicies) -> Bool {
        let scope = ServiceScope.clusterset(key)
        return scope.exists(scope.candidates(in: snapshot, rules: CandidateRules(policies: policies, viewer: .anyone)))
    }
}
