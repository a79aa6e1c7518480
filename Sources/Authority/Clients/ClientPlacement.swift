internal import EndpointTable

/// The cluster a query comes from and how it was found: the EDNS Client Subnet decides when the
/// query carries one (the source is then a resolver, not the client), else the source address.
/// The longest matching network wins. A subnet wider than a cluster network is placed by its
/// first address, the most specific information it gives; the response's scope then covers that
/// network (``ClientSubnet/scopePrefixLength(overlapping:)``).
struct ClientPlacement {
    let cluster: ClusterID?
    let method: Explanation.ClusterSource

    /// - Parameter networks: ordered longest prefix first.
    init(client: ClientContext, networks: [ClusterNetwork]) {
        let match: ClusterNetwork?
        if let subnet = client.clientSubnet {
            match = networks.first { $0.network.contains(subnet.address) }
        } else {
            match = networks.first { $0.network.contains(client.sourceAddress) }
        }
        cluster = match?.cluster
        method = match == nil ? .unknown : client.clientSubnet == nil ? .sourceAddress : .ecs
    }
}
