import EndpointTable
import Hummingbird

/// The answer to an accepted snapshot, delta or heartbeat.
struct PushResponse: ResponseEncodable, Hashable {
    /// One export of the pushing cluster left out of DNS answers because another cluster's export
    /// of the other kind sets the service's kind (KEP-1645: the oldest export wins).
    struct Conflict: Codable, Hashable {
        var namespace: String
        var name: String
        /// The kind this cluster exports.
        var type: String
        /// The kind the service has.
        var winningType: String
        /// The cluster whose export sets the kind.
        var winningCluster: String
        /// Why that cluster's export sets the kind.
        var reason: String

        init(_ conflict: KindConflict) {
            namespace = conflict.service.namespace
            name = conflict.service.name
            type = conflict.kind.name
            winningType = conflict.decision.kind.name
            winningCluster = conflict.decision.cluster.name
            reason = conflict.decision.ground
        }
    }

    var cluster: String
    /// The cluster's generation after the change.
    var generation: UInt64
    /// The table version that includes the change.
    var version: UInt64
    /// Seconds until the renewed lease lapses unless renewed again.
    var leaseExpiresInSeconds: Double?
    /// The cluster's exports left out for their kind, ordered by service, at most
    /// ``maxConflictsListed``; absent when there are none.
    var conflicts: [Conflict]?

    /// The most conflicts one response lists; `gnsd_export_conflicts` counts them all.
    static let maxConflictsListed = 100

    /// The answer for cluster `id` as `snapshot` has it, at lease time `now`.
    init(cluster id: ClusterID, in snapshot: TableSnapshot, now: Duration) {
        let state = snapshot.clusters[id]
        cluster = id.name
        generation = state?.generation ?? 0
        version = snapshot.version
        leaseExpiresInSeconds = state?.leaseExpiresInSeconds(now: now)
        let conflicts = snapshot.kindConflicts(of: id, limit: Self.maxConflictsListed)
        self.conflicts = conflicts.isEmpty ? nil : conflicts.map(Conflict.init)
    }
}
