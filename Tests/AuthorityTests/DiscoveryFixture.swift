import Authority
import DNSWire
import EndpointTable
import HashTreeCollections

/// Four clusters in two regions exporting services of every kind, the zones that hold their
/// names, and clients placed in each cluster.
///
/// | cluster   | region  | lease | client network                    |
/// |-----------|---------|-------|-----------------------------------|
/// | us-east-1 | us-east | live  | 10.1.0.0/16                       |
/// | us-east-2 | us-east | live  | 10.2.0.0/16                       |
/// | eu-west-1 | eu-west | live  | 10.3.0.0/16, fd00:e1::/32         |
/// | eu-west-2 | eu-west | stale | 10.0.0.0/8 (shorter than the rest)|
enum DiscoveryFixture {
    static let clustersetZone = """
        $ORIGIN clusterset.local.
        $TTL 3600
        @               IN SOA ns1 hostmaster 2026010100 7200 3600 1209600 30
        @               NS    ns1
        ns1             A     192.0.2.53
        static.default.svc A  192.0.2.80
        """

    static let acmeZone = """
        $ORIGIN acme.local.
        $TTL 3600
        @               IN SOA ns1.clusterset.local. hostmaster.clusterset.local. 2026010100 7200 3600 1209600 60
        @               NS    ns1.clusterset.local.
        www         300 A     192.0.2.90
        """

    /// The clusterset and acme.local zones, and the unrelated example.test zone.
    static let zoneSet = TestZone.load(["clusterset.local": clustersetZone, "acme.local": acmeZone, "example.test": TestZone.text])

    static let acme = GlobalNamespace(
        name: "acme", domain: name("acme.local"), ttl: 10,
        members: [.init(clusterPattern: "us-*", namespace: "default"), .init(clusterPattern: "eu-west-?", namespace: "shop")])

    static let networks: [ClusterNetwork] = [
        ("10.0.0.0/8", "eu-west-2"), ("10.1.0.0/16", "us-east-1"), ("10.2.0.0/16", "us-east-2"),
        ("10.3.0.0/16", "eu-west-1"), ("fd00:e1::/32", "eu-west-1"),
    ].map { ClusterNetwork(network: IPNetwork($0.0)!, cluster: cluster($0.1)) }

    static func settings(
        policy: AnswerPolicy = .localFirst, maxRecords: Int = 8, staleAnswerTTL: UInt32 = 30, extendedErrorText: Bool = false
    ) -> DiscoverySettings {
        DiscoverySettings(
            globalNamespaces: [acme], clusterNetworks: networks, policy: policy, maxRecords: maxRecords, staleAnswerTTL: staleAnswerTTL,
            extendedErrorText: extendedErrorText)
    }

    /// A fresh answer source (rotation at zero) over `table`.
    static func answerSource(
        table: TableSnapshot = snapshot(), policy: AnswerPolicy = .localFirst, maxRecords: Int = 8, seed: UInt64 = 42
    ) -> AnswerSource {
        AnswerSource(zones: ZoneSetPublisher(zoneSet), table: { table }, settings: settings(policy: policy, maxRecords: maxRecords), seed: seed)
    }

    /// Where queries come from in the tables.
    enum Client: String, Sendable, CustomStringConvertible {
        /// A resolver outside every cluster network.
        case outside
        case usEast1, usEast2
        /// Inside eu-west-1's IPv6 network.
        case euWest1v6
        /// 10.9.0.1: only the /8 of eu-west-2 covers it.
        case euWest2
        /// From us-east-1's network, carrying an EDNS Client Subnet of eu-west-1.
        case ecsEuWest1

        var context: ClientContext {
            switch self {
            case .outside: ClientContext(sourceAddress: [192, 0, 2, 200])
            case .usEast1: ClientContext(sourceAddress: [10, 1, 5, 5])
            case .usEast2: ClientContext(sourceAddress: [10, 2, 5, 5])
            case .euWest1v6: ClientContext(sourceAddress: IPv6Address("fd00:e1::5")!.octets)
            case .euWest2: ClientContext(sourceAddress: [10, 9, 0, 1])
            case .ecsEuWest1:
                ClientContext(sourceAddress: [10, 1, 5, 5], clientSubnet: ClientSubnet(address: [10, 3, 0, 0], sourcePrefixLength: 24))
            }
        }

        var description: String { rawValue }
    }

    /// The table: every cluster's exports, eu-west-2's lease stale unless `stale` says otherwise.
    static func snapshot(version: UInt64 = 7, stale: Set<String> = ["eu-west-2"]) -> TableSnapshot {
        let regions = ["us-east-1": "us-east", "us-east-2": "us-east", "eu-west-1": "eu-west", "eu-west-2": "eu-west"]
        var clusters: TreeDictionary<ClusterID, ClusterState> = [:]
        for (id, region) in regions {
            clusters[cluster(id)] = ClusterState(
                id: cluster(id), info: ClusterInfo(region: region), generation: 1, lease: stale.contains(id) ? .stale : .live,
                leaseExpiry: nil, endpointCount: 0)
        }
        var services: TreeDictionary<ServiceKey, ServiceEntry> = [:]
        for (id, export) in exports {
            services[export.key, default: ServiceEntry(key: export.key)].exports[cluster(id)] = export
        }
        return TableSnapshot(version: version, clusters: clusters, services: services)
    }

    static let webPorts = [
        ServicePort(name: "http", port: 80, portProtocol: .tcp), ServicePort(name: nil, port: 9090, portProtocol: .tcp),
        ServicePort(name: "dns", port: 53, portProtocol: .udp),
    ]
    static let pgPort = [ServicePort(name: "pg", port: 5432, portProtocol: .tcp)]
    static let httpPort = [ServicePort(name: "http", port: 8080, portProtocol: .tcp)]

    /// Every export, by cluster id.
    static let exports: [(String, ServiceExport)] = [
        ("us-east-1", export("default", "web", ips: ["172.16.1.10", "fd00:1::10"], ports: webPorts, [ready("10.11.9.1"), ready("10.11.9.2")])),
        ("us-east-2", export("default", "web", ips: ["172.16.2.10"], ports: webPorts, [ready("10.12.9.1", weight: 3)])),
        ("eu-west-1", export("default", "web", ips: ["172.16.3.10", "fd00:3::10"], ports: webPorts, [ready("10.13.9.1"), notReady("10.13.9.2")])),
        ("eu-west-2", export("default", "web", ips: ["172.16.4.10"], ports: webPorts, [ready("10.14.9.1")])),
        ("us-east-1", export("default", "db", ports: pgPort, [ready("10.11.0.1", host: "db-0"), notReady("10.11.0.2", host: "db-1")])),
        ("eu-west-1", export("default", "db", ports: pgPort, [ready("10.13.0.1", "fd00:13::1", host: "db-0"), ready("10.13.0.9")])),
        ("us-east-2", export("default", "idle", ips: ["172.16.2.20"], ports: httpPort, [notReady("10.12.1.1")])),
        ("us-east-1", export("default", "gone", ports: pgPort, [notReady("10.11.1.1", host: "gone-0")])),
        ("eu-west-2", export("default", "legacy", ips: ["172.16.4.20"], ports: httpPort, [ready("10.14.1.1")])),
        ("us-east-1", export("default", "static", ips: ["172.16.1.30"], ports: httpPort, [ready("10.11.3.1")])),
        ("eu-west-1", export("apps", "cache", ports: [], [ready("10.13.1.1")])),
        ("us-east-1", export("apps", "cache", ips: ["172.16.1.40"], ports: [], [ready("10.11.4.1")])),
        ("us-east-1", export("default", "catalog", ips: ["172.16.1.50"], ports: httpPort, [ready("10.11.5.1")])),
        ("eu-west-1", export("default", "catalog", ips: ["172.16.3.50"], ports: httpPort, [ready("10.13.5.1")])),
        ("eu-west-1", export("shop", "catalog", ports: httpPort, [ready("10.13.2.1"), ready("10.13.2.2")])),
    ]

    static func export(_ namespace: String, _ name: String, ips: [String]? = nil, ports: [ServicePort], _ endpoints: [Endpoint]) -> ServiceExport {
        let kind: ServiceKind = ips.map { .clusterSetIP($0.map { IPAddress($0)! }) } ?? .headless
        return ServiceExport(key: ServiceKey(namespace: namespace, name: name)!, kind: kind, ports: ports, endpoints: endpoints)
    }

    static func ready(_ addresses: String..., host: String? = nil, weight: UInt16 = 1) -> Endpoint {
        Endpoint(addresses: addresses.map { IPAddress($0)! }, hostname: host, ready: true, weight: weight)
    }

    static func notReady(_ address: String, host: String? = nil) -> Endpoint {
        Endpoint(addresses: [IPAddress(address)!], hostname: host, ready: false)
    }

    static func cluster(_ id: String) -> ClusterID { ClusterID(id)! }

    static func name(_ text: String) -> DomainName { try! DomainName(text) }
}
