import EndpointTable
import Hummingbird

/// The answer to an accepted snapshot, delta or heartbeat.
struct PushResponse: ResponseEncodable, Hashable {
    var cluster: String
    /// The cluster's generation after the change.
    var generation: UInt64
    /// The table version that includes the change.
    var version: UInt64
    /// Seconds until the renewed lease lapses unless renewed again.
    var leaseExpiresInSeconds: Double?

    /// The answer for cluster `id` as `snapshot` has it, at lease time `now`.
    init(cluster id: ClusterID, in snapshot: TableSnapshot, now: Duration) {
        let state = snapshot.clusters[id]
        cluster = id.name
        generation = state?.generation ?? 0
        version = snapshot.version
        leaseExpiresInSeconds = state?.leaseExpiresInSeconds(now: now)
    }
}
