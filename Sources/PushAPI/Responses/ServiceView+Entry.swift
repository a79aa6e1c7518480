import APIBodies
import EndpointTable

extension ServiceView {
    /// The view of `entry`, with each cluster's lease as `snapshot` has it.
    init(_ entry: ServiceEntry, in snapshot: TableSnapshot) {
        let clusters = entry.exports.sorted { $0.key < $1.key }.map { id, export in
            ServiceClusterView(id, export: export, lease: snapshot.clusters[id]?.lease ?? .stale)
        }
        self.init(namespace: entry.key.namespace, name: entry.key.name, clusters: clusters)
    }
}

extension ServiceClusterView {
    /// The summary of `export` from cluster `id`, whose lease is `lease`.
    init(_ id: ClusterID, export: ServiceExport, lease: LeaseState) {
        self.init(
            cluster: id.name, type: export.kind.apiName, ips: export.kind.apiIPs, ports: export.ports.map(PortBody.init),
            readyEndpoints: export.readyEndpointCount, endpoints: export.endpoints.count, lease: lease.rawValue)
    }
}
