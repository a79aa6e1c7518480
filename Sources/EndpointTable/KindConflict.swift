import Logging

/// One cluster's export of an MCS service left out of the service's answers, because another
/// cluster's export of the other kind decides the service's kind (see ``KindDecision``).
public struct KindConflict: Hashable, Sendable {
    public let service: ServiceKey
    /// The cluster whose export is left out.
    public let cluster: ClusterID
    /// The kind that cluster exports.
    public let kind: ServiceKind
    /// The export that sets the service's kind.
    public let decision: KindDecision
}

extension TableSnapshot {
    /// Every export left out because another cluster's export sets its service's kind, ordered
    /// by service, then cluster. Costs in proportion to the services exported with mixed kinds.
    public func kindConflicts() -> [KindConflict] {
        kindConflicts(in: mixedKindServices.sorted())
    }

    /// The first `limit` exports of `cluster` left out because another cluster's export sets
    /// their service's kind, ordered by service.
    public func kindConflicts(of cluster: ClusterID, limit: Int = .max) -> [KindConflict] {
        var conflicts: [KindConflict] = []
        for key in mixedKindServices.sorted() where conflicts.count < limit {
            guard let entry = services[key], let export = entry.exports[cluster], let decision = entry.kindDecision(clusters: clusters),
                export.kind.isHeadless != decision.kind.isHeadless
            else { continue }
            conflicts.append(KindConflict(service: key, cluster: cluster, kind: export.kind, decision: decision))
        }
        return conflicts
    }

    /// The exports of the services `keys` left out, in the order of `keys`, then by cluster.
    func kindConflicts(in keys: [ServiceKey]) -> [KindConflict] {
        keys.flatMap { key -> [KindConflict] in
            guard let entry = services[key], let decision = entry.kindDecision(clusters: clusters) else { return [] }
            return entry.exports.sorted { $0.key < $1.key }.compactMap { cluster, export in
                guard export.kind.isHeadless != decision.kind.isHeadless else { return nil }
                return KindConflict(service: key, cluster: cluster, kind: export.kind, decision: decision)
            }
        }
    }
}

/// One cluster's export of one service, as the table's conflict log tracks it.
struct ConflictingExport: Hashable, Comparable {
    let service: ServiceKey
    let cluster: ClusterID

    init(_ conflict: KindConflict) {
        service = conflict.service
        cluster = conflict.cluster
    }

    static func < (lhs: ConflictingExport, rhs: ConflictingExport) -> Bool {
        (lhs.service, lhs.cluster) < (rhs.service, rhs.cluster)
    }
}

extension KindConflict {
    /// The conflict as log metadata: the service, the cluster left out with its kind, the deciding cluster with its kind and why.
    var logMetadata: Logger.Metadata {
        [
            "service": "\(service)", "cluster": "\(cluster)", "kind": "\(kind.name)",
            "decidingCluster": "\(decision.cluster)", "decidingKind": "\(decision.kind.name)", "why": "\(decision.ground)",
        ]
    }
}
