import APIBodies
import EndpointTable

extension PushResult {
    /// The answer for cluster `id` as `snapshot` has it, at lease time `now`.
    init(cluster id: ClusterID, in snapshot: TableSnapshot, now: Duration) {
        let state = snapshot.clusters[id]
        let conflicts = snapshot.kindConflicts(of: id, limit: Self.maxConflictsListed)
        self.init(
            cluster: id.name, generation: state?.generation ?? 0, version: snapshot.version,
            leaseExpiresInSeconds: state?.leaseExpiresInSeconds(now: now), conflicts: conflicts.isEmpty ? nil : conflicts.map(Conflict.init),
            heldWithdrawals: state?.heldWithdrawalsView(now: now))
    }
}

extension PushResult.Conflict {
    /// The API form of `conflict`.
    init(_ conflict: KindConflict) {
        self.init(
            namespace: conflict.service.namespace, name: conflict.service.name, type: conflict.kind.name,
            winningType: conflict.decision.kind.name, winningCluster: conflict.decision.cluster.name, reason: conflict.decision.ground)
    }
}
