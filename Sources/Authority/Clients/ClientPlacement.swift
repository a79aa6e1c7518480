internal import DNSWire
internal import EndpointTable

/// The cluster a query comes from and how it was found: the EDNS Client Subnet decides when the
/// query carries one (the source is then a resolver, not the client), else the source address.
/// The longest matching network wins. A subnet wider than a cluster network is placed by its
/// first address, the most specific information it gives; the response's scope then covers that
/// network (``ClientSubnet/scopePrefixLength(overlapping:)``).
struct ClientPlacement {
    let cluster: ClusterID?
    let method: Explanation.ClusterSource
    /// The placement and what decided it, for `explain`: `aws-west, by the source address
    /// 10.1.0.5`, `in no cluster: no cluster network holds the ECS subnet 192.0.2.0/24`.
    let account: String

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
        let evidence: String? =
            if let subnet = client.clientSubnet {
                "the ECS subnet \(Self.text(subnet.address))/\(subnet.sourcePrefixLength)"
            } else if !client.sourceAddress.isEmpty {
                "the source address \(Self.text(client.sourceAddress))"
            } else {
                nil
            }
        account =
            switch (match, evidence) {
            case (let match?, let evidence?): "\(match.cluster), by \(evidence) in \(match.network)"
            case (nil, let evidence?): "in no cluster: no cluster network holds \(evidence)"
            default: "in no cluster: no client address or ECS subnet given"
            }
    }

    /// `bytes` (4 or 16) as an IPv4 or IPv6 address.
    private static func text(_ bytes: [UInt8]) -> String {
        IPv4Address(octets: bytes).map(\.description) ?? IPv6Address(octets: bytes).map(\.description) ?? "\(bytes)"
    }
}
