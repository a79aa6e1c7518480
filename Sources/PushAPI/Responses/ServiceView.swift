import EndpointTable
import Hummingbird

/// The body of `GET /v1/services`: every service, ordered by namespace and name.
struct ServiceListResponse: ResponseEncodable, Hashable {
    var services: [ServiceView]
}

/// One service merged over the clusters exporting it.
struct ServiceView: Codable, Hashable {
    var namespace: String
    var name: String
    /// One entry per exporting cluster, ordered by cluster id.
    var clusters: [ServiceClusterView]

    /// The view of `entry`, with each cluster's lease as `snapshot` has it.
    init(_ entry: ServiceEntry, in snapshot: TableSnapshot) {
        namespace = entry.key.namespace
        name = entry.key.name
        clusters = entry.exports.sorted { $0.key < $1.key }.map { id, export in
            ServiceClusterView(id, export: export, lease: snapshot.clusters[id]?.lease ?? .stale)
        }
    }
}

/// What one cluster exports for a service, summarised.
struct ServiceClusterView: Codable, Hashable {
    var cluster: String
    /// `clusterSetIP` or `headless`.
    var type: String
    /// The service IPs; clusterSetIP only.
    var ips: [String]?
    var ports: [PortBody]
    var readyEndpoints: Int
    var endpoints: Int
    /// `live` or `stale`.
    var lease: String

    /// The summary of `export` from cluster `id`, whose lease is `lease`.
    init(_ id: ClusterID, export: ServiceExport, lease: LeaseState) {
        cluster = id.name
        type = export.kind.apiName
        ips = export.kind.apiIPs
        ports = export.ports.map(PortBody.init)
        readyEndpoints = export.endpoints.count(where: \.ready)
        endpoints = export.endpoints.count
        self.lease = lease.rawValue
    }
}
