import Authority
import DNSWire
import EndpointTable

/// A clusterset filled through a real ``EndpointTable``: `services` services in namespace `shop`
/// (`svc-0` …), each exported by every one of `clusters` clusters (`cluster-0` …) with a
/// cluster-set IP and `endpoints` ready endpoints. Client network `10.<c>.0.0/16` belongs to
/// cluster `c`, for the local-first policy.
struct ClusterSet {
    let table: EndpointTable
    let clusterIDs: [ClusterID]
    let settings: DiscoverySettings

    init(services: Int, clusters: Int, endpoints: Int) throws {
        table = try EndpointTable(store: InMemoryEndpointStore(), clock: ManualLeaseClock(), settings: TableSettings())
        clusterIDs = (0..<clusters).map { ClusterID("cluster-\($0)")! }
        for (c, cluster) in clusterIDs.enumerated() {
            let exports = (0..<services).map { s in
                ServiceExport(
                    key: Self.key(s), kind: .clusterSetIP([Self.address(172, 16 + c, s)]),
                    ports: [ServicePort(name: "http", port: 8080, portProtocol: .tcp)],
                    endpoints: (0..<endpoints).map { e in
                        Endpoint(addresses: [Self.endpointAddress(cluster: c, service: s, endpoint: e)], ready: true)
                    })
            }
            try table.apply(.snapshot(cluster, generation: 1, info: ClusterInfo(region: c % 2 == 0 ? "eu" : "us"), exports: exports))
        }
        settings = DiscoverySettings(
            clusterNetworks: clusterIDs.enumerated().map { c, cluster in
                ClusterNetwork(network: IPNetwork("10.\(c).0.0/16")!, cluster: cluster)
            })
    }

    /// `shop/svc-<s>`.
    static func key(_ s: Int) -> ServiceKey {
        ServiceKey(namespace: "shop", name: "svc-\(s)")!
    }

    /// The address of endpoint `e` of service `s` in cluster `c`, inside the cluster's client network.
    static func endpointAddress(cluster c: Int, service s: Int, endpoint e: Int) -> IPAddress {
        address(10, c, s * 8 + e)
    }

    /// `<first>.<second>.<n / 256>.<n % 256>`.
    private static func address(_ first: Int, _ second: Int, _ n: Int) -> IPAddress {
        .v4(IPv4Address(value: UInt32(first) << 24 | UInt32(second) << 16 | UInt32(n & 0xFFFF)))
    }
}
