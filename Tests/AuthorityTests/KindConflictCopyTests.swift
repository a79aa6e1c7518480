import DNSWire
import EndpointTable
import Testing

@testable import Authority

/// The UDP answerer's copies follow the kind decision: withdrawing and exporting again (a new
/// first-export time) and a lease lapse (a new decider) change the answers at once, and every
/// copy is byte for byte what the full path answers.
struct KindConflictCopyTests {
    static let catalog = "catalog.shop.svc.clusterset.local"
    static let key = ServiceKey(namespace: "shop", name: "catalog")!
    static let names = [catalog, "aaa.\(catalog)", "catalog-0.aaa.\(catalog)", "_http._tcp.\(catalog)", "shop.svc.clusterset.local"]
    static let headless = ServiceExport(
        key: key, kind: .headless, ports: [ServicePort(name: "http", port: 80, portProtocol: .tcp)],
        endpoints: [Endpoint(addresses: [IPAddress("10.1.0.1")!], hostname: "catalog-0", ready: true)])
    static let clusterSetIP = ServiceExport(
        key: key, kind: .clusterSetIP([IPAddress("172.16.0.2")!]), ports: [ServicePort(name: "http", port: 80, portProtocol: .tcp)],
        endpoints: [Endpoint(addresses: [IPAddress("10.200.0.2")!], ready: true)])

    @Test func copiesFollowTheKindDecision() throws {
        let clock = ManualLeaseClock()
        let table = try EndpointTable(
            store: InMemoryEndpointStore(), clock: clock, settings: TableSettings(leaseDuration: .seconds(10), leaseGrace: .zero))
        let answerSource = AnswerSource(
            zones: ZoneSetPublisher(DiscoveryFixture.zoneSet), table: { table.snapshot }, settings: DiscoverySettings(), seed: 7)
        let responder = QueryResponder(
            answerSource: answerSource, settings: ResponderSettings(maxUDPPayload: 1232, nsid: nil, cookieSecret: Array(0..<16)),
            now: { 1_700_000_000 })
        let answerer = responder.makeDatagramAnswerer()
        let differential = DatagramAnswererTests()

        /// The A answer of the service after asking every name three times, each copy checked against the full path.
        func serviceAnswer() -> [String] {
            for name in Self.names {
                for _ in 0..<3 {
                    let (fast, full) = differential.bothAnswers(
                        QueryResponderTests.query(name, type: name.hasPrefix("_") ? 33 : 1), client: [192, 0, 2, 200], answerer: answerer,
                        responder: responder)
                    #expect(fast == full, "\(name) at table version \(table.snapshot.version)")
                }
            }
            return answerSource.lookup(DiscoveryFixture.name(Self.catalog), type: .a).sections.answers.map(\.rdata.description)
        }

        try table.apply(.snapshot(ClusterID("bbb")!, generation: 1, info: ClusterInfo(), exports: [Self.clusterSetIP]))
        clock.advance(by: .seconds(1))
        try table.apply(.snapshot(ClusterID("aaa")!, generation: 1, info: ClusterInfo(), exports: [Self.headless]))
        #expect(serviceAnswer() == ["172.16.0.2"])

        try table.apply(.delta(ClusterID("bbb")!, baseGeneration: 1, generation: 2, operations: [.remove(Self.key)]))
        #expect(serviceAnswer() == ["10.1.0.1"])
        clock.advance(by: .seconds(1))
        try table.apply(.delta(ClusterID("bbb")!, baseGeneration: 2, generation: 3, operations: [.upsert(Self.clusterSetIP)]))
        #expect(serviceAnswer() == ["10.1.0.1"])

        clock.advance(by: .seconds(9))
        try table.apply(.heartbeat(ClusterID("bbb")!))
        clock.advance(by: .seconds(1))
        table.advance()
        #expect(table.snapshot.clusters[ClusterID("aaa")!]?.lease == .stale)
        #expect(serviceAnswer() == ["172.16.0.2"])
    }
}
