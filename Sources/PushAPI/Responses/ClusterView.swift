import EndpointTable
import Hummingbird

/// The body of `GET /v1/clusters`: every cluster, ordered by id.
struct ClusterListResponse: ResponseEncodable, Hashable {
    var clusters: [ClusterView]
}

/// One cluster in a listing: where it runs, its generation, lease and size.
struct ClusterView: Codable, Hashable {
    var id: String
    var region: String?
    var zone: String?
    var labels: [String: String]
    var generation: UInt64
    /// `live` or `stale`.
    var lease: String
    /// Seconds until a live lease lapses; absent once stale.
    var leaseExpiresInSeconds: Double?
    /// Endpoints over all the cluster's exports.
    var endpoints: Int

    /// The view of `state` at lease time `now`.
    init(_ state: ClusterState, now: Duration) {
        id = state.id.name
        region = state.info.region
        zone = state.info.zone
        labels = state.info.labels
        generation = state.generation
        lease = state.lease.rawValue
        leaseExpiresInSeconds = state.leaseExpiresInSeconds(now: now)
        endpoints = state.endpointCount
    }
}

/// The body of `GET /v1/clusters/{cluster}/exports`: the cluster's exports, ordered by service,
/// in the form they are pushed.
struct ClusterExportsResponse: ResponseEncodable, Hashable {
    var cluster: String
    var generation: UInt64
    var exports: [ExportBody]
}
