import Authority
import DNSWire
import EndpointTable
import Testing

/// KEP-1645 for named ports: when clusters give one port name different numbers, the SRV records
/// aiming at the service name carry the number of the export that ranks first (live, oldest,
/// smaller cluster id); a headless service's SRV records keep each endpoint's own number.
struct PortReconciliationTests {
    typealias Exporter = KindConflictTests.Exporter
    static let catalog = KindConflictTests.catalog
    static let http = "_http._tcp.\(catalog)"

    static func clusterSetIP(_ serviceIP: String, port: UInt16) -> ServiceExport {
        var export = KindConflictTests.clusterSetIP(serviceIP)
        export.ports = [ServicePort(name: "http", port: port, portProtocol: .tcp), ServicePort(name: nil, port: 9090, portProtocol: .tcp)]
        return export
    }

    static func headless(_ address: String, port: UInt16) -> ServiceExport {
        var export = KindConflictTests.headless(address, ready: true)
        export.ports = [ServicePort(name: "http", port: port, portProtocol: .tcp)]
        return export
    }

    static func srv(_ answerSource: AnswerSource) -> [String] {
        answerSource.lookup(DiscoveryFixture.name(http), type: .srv).sections.answers.map(\.description)
    }

    @Test func theOldestLiveExportSetsANamedPortsNumber() {
        let aaaOlder = KindConflictTests.answerSource([
            Exporter(cluster: "aaa", live: true, firstExported: .seconds(10), export: Self.clusterSetIP("172.16.0.1", port: 80)),
            Exporter(cluster: "bbb", live: true, firstExported: .seconds(20), export: Self.clusterSetIP("172.16.0.2", port: 8080)),
        ])
        #expect(Self.srv(aaaOlder) == ["\(Self.http). 5 IN SRV 0 1 80 \(Self.catalog)."])
        let explanation = aaaOlder.explain(DiscoveryFixture.name(Self.http), type: .srv)
        #expect(
            explanation.candidates.map(\.reason) == [
                "live with ready endpoints",
                "ready endpoints, but none for this name; port http/tcp is 8080 here, but 80 for the service, set by cluster aaa's export "
                    + "(KEP-1645: the oldest export wins)",
            ])
        #expect(Set(explanation.additionals) == ["\(Self.catalog). 5 IN A 172.16.0.1", "\(Self.catalog). 5 IN A 172.16.0.2"])

        let aaaStale = KindConflictTests.answerSource([
            Exporter(cluster: "aaa", live: false, firstExported: .seconds(10), export: Self.clusterSetIP("172.16.0.1", port: 80)),
            Exporter(cluster: "bbb", live: true, firstExported: .seconds(20), export: Self.clusterSetIP("172.16.0.2", port: 8080)),
        ])
        #expect(Self.srv(aaaStale) == ["\(Self.http). 5 IN SRV 0 1 8080 \(Self.catalog)."])
    }

    @Test func exportsAgreeingOnTheNumberAllWeigh() {
        let answerSource = KindConflictTests.answerSource([
            Exporter(cluster: "aaa", live: true, firstExported: .seconds(10), export: Self.clusterSetIP("172.16.0.1", port: 80)),
            Exporter(cluster: "bbb", live: true, firstExported: .seconds(20), export: Self.clusterSetIP("172.16.0.2", port: 80)),
            Exporter(cluster: "ccc", live: true, firstExported: .seconds(30), export: Self.clusterSetIP("172.16.0.3", port: 81)),
        ])
        #expect(Self.srv(answerSource) == ["\(Self.http). 5 IN SRV 0 2 80 \(Self.catalog)."])
    }

    @Test func aHeadlessServiceKeepsEachEndpointsOwnNumber() {
        let answerSource = KindConflictTests.answerSource([
            Exporter(cluster: "aaa", live: true, firstExported: .seconds(10), export: Self.headless("10.1.0.1", port: 80)),
            Exporter(cluster: "bbb", live: true, firstExported: .seconds(20), export: Self.headless("10.1.0.2", port: 8080)),
        ])
        #expect(
            Set(Self.srv(answerSource)) == [
                "\(Self.http). 5 IN SRV 0 1 80 catalog-0.aaa.\(Self.catalog).", "\(Self.http). 5 IN SRV 0 1 8080 catalog-0.bbb.\(Self.catalog).",
            ])
    }
}
