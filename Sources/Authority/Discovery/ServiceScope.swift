internal import EndpointTable

/// Which exports one service name draws on: an MCS service of the clusterset, or a service name
/// in a global namespace.
enum ServiceScope {
    case clusterset(ServiceKey)
    case global(GlobalNamespace, name: String)

    /// The service name, the same in every namespace it is looked up in.
    var serviceName: String {
        switch self {
        case .clusterset(let key): key.name
        case .global(_, let name): name
        }
    }

    /// Every export the name draws on, ordered by cluster (then namespace). For MCS the oldest
    /// export of a live cluster sets the service's kind (see ``KindDecision``) and exports of the
    /// other kind are marked conflicting; exports of expired clusters that the rules' policies
    /// withdraw are marked withdrawn, exports the rules' viewer may not see not visible; all three
    /// are left out of every answer for the name. Named ports of names whose SRV records aim at
    /// the service itself are reconciled (``PortReconciliation``).
    func candidates(in snapshot: TableSnapshot, rules: CandidateRules) -> [ServiceCandidate] {
        switch self {
        case .clusterset(let key):
            guard let entry = snapshot.services[key], let decision = entry.kindDecision(clusters: snapshot.clusters) else { return [] }
            let candidates = entry.exports.sorted { $0.key < $1.key }.map { cluster, export in
                guard export.kind.isHeadless == decision.kind.isHeadless else {
                    return ServiceCandidate(cluster: cluster, export: export, snapshot: snapshot, status: .conflictingKind, kindDecision: decision)
                }
                var candidate = ServiceCandidate(cluster: cluster, export: export, snapshot: snapshot)
                if rules.policies.withdraws(key, lease: candidate.lease, in: nil) {
                    candidate.status = .withdrawnExpired
                } else if !rules.viewer.sees(export, of: cluster, in: snapshot) {
                    candidate.status = .notVisible
                }
                return candidate
            }
            return decision.kind.isHeadless ? candidates : PortReconciliation.reconciling(candidates)
        case .global(let namespace, let name):
            var candidates: [ServiceCandidate] = []
            for member in namespace.members {
                guard let key = ServiceKey(namespace: member.namespace, name: name), let exports = snapshot.services[key]?.exports else { continue }
                for (cluster, export) in exports where Glob.matches(member.clusterPattern, cluster.name) {
                    guard !candidates.contains(where: { $0.cluster == cluster && $0.namespace == member.namespace }) else { continue }
                    var candidate = ServiceCandidate(cluster: cluster, export: export, snapshot: snapshot)
                    if rules.policies.withdraws(key, lease: candidate.lease, in: namespace) {
                        candidate.status = .withdrawnExpired
                    } else if !rules.viewer.sees(export, of: cluster, in: snapshot) {
                        candidate.status = .notVisible
                    }
                    candidates.append(candidate)
                }
            }
            return PortReconciliation.reconciling(candidates.sorted { ($0.cluster, $0.namespace) < ($1.cluster, $1.namespace) })
        }
    }

    /// True when the service name exists given its `candidates`: a global-namespace name or an MCS
    /// ClusterSetIP service as long as an export not left out (see
    /// ``ServiceCandidate/isLeftOut``) remains, an MCS headless service only while such an export
    /// has a ready endpoint (KEP-1645 §2.4.1: NXDOMAIN otherwise).
    func exists(_ candidates: [ServiceCandidate]) -> Bool {
        guard isClustersetHeadless(candidates) else { return candidates.contains { !$0.isLeftOut } }
        return candidates.contains { !$0.isLeftOut && $0.readyCount > 0 }
    }

    /// True for an MCS headless service, whose names reach single endpoints: the exports not left
    /// out are headless.
    func isClustersetHeadless(_ candidates: [ServiceCandidate]) -> Bool {
        guard case .clusterset = self else { return false }
        return candidates.first { !$0.isLeftOut }?.isHeadless ?? false
    }
}
