import Authority
import DNSWire
import EndpointTable
import Foundation
import ZoneFile

/// The small world the UDP answer target answers from: the zones in `Fuzz/zones` (a clusterset
/// zone, a global namespace's zone and an ordinary zone with CNAME chains and loops, a wildcard,
/// a delegation, MX, SRV and a long TXT), a global namespace, three
/// clusters with client networks, and two versions of the endpoint table, the second after a
/// change that touches some of the services the first answers.
enum AnswerFixture {

    /// The zones in `Fuzz/zones` (beside the sources, as the fuzz binaries run from a checkout),
    /// loaded through libldns like gnsd's zone files.
    static func zoneSet() -> ZoneSet {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Fuzz/zones").standardized
        do {
            let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".zone") }.sorted()
            return try ZoneSet(zones: files.map { try ZoneFileLoader.load(file: directory.appendingPathComponent($0).path) })
        } catch {
            fatalError("the fuzz zones in \(directory.path) do not load: \(error)")
        }
    }

    /// The clusterset domain, the `acme` global namespace and the clusters' client networks.
    static func settings(policy: AnswerPolicy) -> DiscoverySettings {
        let acme = GlobalNamespace(
            name: "acme", domain: try! DomainName("acme.local"), ttl: 10,
            members: [.init(clusterPattern: "us-*", namespace: "default"), .init(clusterPattern: "eu-west-?", namespace: "shop")])
        let networks = [("10.0.0.0/8", "eu-west-2"), ("10.1.0.0/16", "us-east-1"), ("10.3.0.0/16", "eu-west-1"), ("fd00:e1::/32", "eu-west-1")]
            .map { ClusterNetwork(network: IPNetwork($0.0)!, cluster: ClusterID($0.1)!) }
        return DiscoverySettings(globalNamespaces: [acme], clusterNetworks: networks, policy: policy, maxRecords: 4)
    }

    /// The table before and after a change: eu-west-2's lease lapsed, then us-east-1 marks an
    /// endpoint of `default/web` not ready and stops exporting `default/idle`.
    static func tables() -> [TableSnapshot] {
        let clock = ManualLeaseClock()
        do {
            let table = try EndpointTable(store: InMemoryEndpointStore(), clock: clock, settings: TableSettings())
            try table.apply(.snapshot(cluster("eu-west-2"), generation: 1, info: ClusterInfo(region: "eu-west"), exports: euWest2Exports))
            clock.advance(by: .seconds(60))
            table.advance()
            try table.apply(.snapshot(cluster("us-east-1"), generation: 1, info: ClusterInfo(region: "us-east"), exports: usEast1Exports))
            try table.apply(.snapshot(cluster("eu-west-1"), generation: 1, info: ClusterInfo(region: "eu-west"), exports: euWest1Exports))
            let before = table.snapshot
            let web = ServiceKey(namespace: "default", name: "web")!
            let after = try table.apply(
                .delta(
                    cluster("us-east-1"), baseGeneration: 1, generation: 2,
                    operations: [
                        .setReadiness(web, address: IPAddress("10.11.9.1")!, ready: false), .remove(ServiceKey(namespace: "default", name: "idle")!),
                    ]))
            return [before, after]
        } catch {
            fatalError("the fuzz table does not build: \(error)")
        }
    }

    static let webPorts = [
        ServicePort(name: "http", port: 80, portProtocol: .tcp), ServicePort(name: nil, port: 9090, portProtocol: .tcp),
        ServicePort(name: "dns", port: 53, portProtocol: .udp),
    ]
    static let httpPort = [ServicePort(name: "http", port: 8080, portProtocol: .tcp)]

    static let usEast1Exports = [
        export("default", "web", ips: ["172.16.1.10", "fd00:1::10"], ports: webPorts, [ready("10.11.9.1"), ready("10.11.9.2", weight: 3)]),
        export("default", "db", ports: httpPort, [ready("10.11.0.1", host: "db-0"), notReady("10.11.0.2", host: "db-1")]),
        export("default", "idle", ips: ["172.16.1.20"], ports: httpPort, [notReady("10.11.1.1")]),
        export("default", "catalog", ips: ["172.16.1.50"], ports: httpPort, [ready("10.11.5.1")]),
        export("apps", "cache", ips: ["172.16.1.40"], ports: [], [ready("10.11.4.1")]),
    ]

    static let euWest1Exports = [
        export("default", "web", ips: ["172.16.3.10", "fd00:3::10"], ports: webPorts, [ready("10.13.9.1"), notReady("10.13.9.2")]),
        export("default", "db", ports: httpPort, [ready("10.13.0.1", "fd00:13::1", host: "db-0"), ready("10.13.0.9")]),
        export("default", "catalog", ports: httpPort, [ready("10.13.5.1"), ready("10.13.5.2")]),
        export("apps", "cache", ports: [], [ready("10.13.1.1")]),
        export("shop", "catalog", ports: httpPort, [ready("10.13.2.1"), ready("10.13.2.2")]),
    ]

    static let euWest2Exports = [
        export("default", "web", ips: ["172.16.4.10"], ports: webPorts, [ready("10.14.9.1")]),
        export("default", "legacy", ips: ["172.16.4.20"], ports: httpPort, [ready("10.14.1.1")]),
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
}
