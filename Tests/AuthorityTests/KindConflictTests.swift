import Authority
import DNSWire
import EndpointTable
import HashTreeCollections
import Testing

/// KEP-1645 kind conflicts: when clusters export `shop/catalog` with different kinds, the
/// oldest export of a live cluster sets the kind (of any cluster when none is live, the smaller
/// cluster id between exports as old), and exports of the other kind are left out of every name.
struct KindConflictTests {
    static let catalog = "catalog.shop.svc.clusterset.local"
    static let soa = "clusterset.local. 30 IN SOA ns1.clusterset.local. hostmaster.clusterset.local. 2026010101 7200 3600 1209600 30"
    static let key = ServiceKey(namespace: "shop", name: "catalog")!
    static let httpPort = [ServicePort(name: "http", port: 80, portProtocol: .tcp)]

    /// One cluster's export of `shop/catalog`: its lease, when it started exporting, and what.
    struct Exporter {
        var cluster: String
        var live: Bool
        var firstExported: Duration
        var export: ServiceExport
    }

    /// A headless export with the endpoint `catalog-0` at `address`, ready or not.
    static func headless(_ address: String, ready: Bool) -> ServiceExport {
        ServiceExport(
            key: key, kind: .headless, ports: httpPort,
            endpoints: [Endpoint(addresses: [IPAddress(address)!], hostname: "catalog-0", ready: ready)])
    }

    /// A clusterSetIP export at `serviceIP` with one ready endpoint.
    static func clusterSetIP(_ serviceIP: String) -> ServiceExport {
        ServiceExport(
            key: key, kind: .clusterSetIP([IPAddress(serviceIP)!]), ports: httpPort,
            endpoints: [Endpoint(addresses: [IPAddress("10.200.0.1")!], ready: true)])
    }

    /// An answer source over a table (version 1) holding only `exporters`.
    static func answerSource(_ exporters: [Exporter]) -> AnswerSource {
        var clusters: TreeDictionary<ClusterID, ClusterState> = [:]
        var entry = ServiceEntry(key: key)
        for exporter in exporters {
            let id = ClusterID(exporter.cluster)!
            clusters[id] = ClusterState(
                id: id, info: ClusterInfo(), generation: 1, lease: exporter.live ? .live : .stale, leaseExpiry: nil, endpointCount: 1)
            entry.exports[id] = exporter.export
            entry.firstExported[id] = exporter.firstExported
        }
        let snapshot = TableSnapshot(version: 1, clusters: clusters, services: [key: entry])
        return AnswerSource(zones: ZoneSetPublisher(DiscoveryFixture.zoneSet), table: { snapshot }, settings: DiscoverySettings(), seed: 1)
    }

    /// The answer section and rcode for `name`.
    static func answer(_ answerSource: AnswerSource, _ name: String, _ type: RecordType = .a) -> (ResponseCode, [String]) {
        let result = answerSource.lookup(DiscoveryFixture.name(name), type: type)
        return (result.rcode, result.sections.answers.map(\.description))
    }

    static func records(_ type: String, _ data: String...) -> [String] {
        data.map { "\(catalog). 5 IN \(type) \($0)" }
    }

    @Test func theOldestLiveExportSetsTheKind() {
        let headlessYounger = Self.answerSource([
            Exporter(cluster: "aaa", live: true, firstExported: .seconds(20), export: Self.headless("10.1.0.1", ready: true)),
            Exporter(cluster: "bbb", live: true, firstExported: .seconds(10), export: Self.clusterSetIP("172.16.0.2")),
        ])
        #expect(Self.answer(headlessYounger, Self.catalog) == (.noError, Self.records("A", "172.16.0.2")))

        let headlessOlder = Self.answerSource([
            Exporter(cluster: "aaa", live: true, firstExported: .seconds(10), export: Self.headless("10.1.0.1", ready: true)),
            Exporter(cluster: "bbb", live: true, firstExported: .seconds(20), export: Self.clusterSetIP("172.16.0.2")),
        ])
        #expect(Self.answer(headlessOlder, Self.catalog) == (.noError, Self.records("A", "10.1.0.1")))
    }

    /// The case: `aaa` exports headless with nothing ready, `bbb` clusterSetIP with a
    /// ready endpoint; bbb's service IP is answered whenever bbb's export decides.
    @Test func aHeadlessExportWithNothingReadyNoLongerHidesAnOlderClusterSetIP() {
        let bbbOlder = Self.answerSource([
            Exporter(cluster: "aaa", live: true, firstExported: .seconds(20), export: Self.headless("10.1.0.1", ready: false)),
            Exporter(cluster: "bbb", live: true, firstExported: .seconds(10), export: Self.clusterSetIP("172.16.0.2")),
        ])
        #expect(Self.answer(bbbOlder, Self.catalog) == (.noError, Self.records("A", "172.16.0.2")))
        #expect(Self.answer(bbbOlder, "shop.svc.clusterset.local") == (.noError, []))

        let aaaOlderButStale = Self.answerSource([
            Exporter(cluster: "aaa", live: false, firstExported: .seconds(5), export: Self.headless("10.1.0.1", ready: false)),
            Exporter(cluster: "bbb", live: true, firstExported: .seconds(10), export: Self.clusterSetIP("172.16.0.2")),
        ])
        #expect(Self.answer(aaaOlderButStale, Self.catalog) == (.noError, Self.records("A", "172.16.0.2")))
    }

    /// KEP-1645 as it stands: the oldest live export decides even when it has nothing ready, so
    /// the headless service does not exist until `aaa` withdraws its export or goes stale.
    @Test func anOlderLiveHeadlessExportWithNothingReadyDecides() {
        let answerSource = Self.answerSource([
            Exporter(cluster: "aaa", live: true, firstExported: .seconds(5), export: Self.headless("10.1.0.1", ready: false)),
            Exporter(cluster: "bbb", live: true, firstExported: .seconds(10), export: Self.clusterSetIP("172.16.0.2")),
        ])
        #expect(Self.answer(answerSource, Self.catalog) == (.nxDomain, []))
        #expect(Self.answer(answerSource, "shop.svc.clusterset.local") == (.nxDomain, []))
    }

    @Test func aStaleExportNeverDecidesOverALiveOne() {
        let answerSource = Self.answerSource([
            Exporter(cluster: "aaa", live: true, firstExported: .seconds(30), export: Self.headless("10.1.0.1", ready: true)),
            Exporter(cluster: "bbb", live: false, firstExported: .seconds(10), export: Self.clusterSetIP("172.16.0.2")),
        ])
        #expect(Self.answer(answerSource, Self.catalog) == (.noError, Self.records("A", "10.1.0.1")))
        #expect(Self.answer(answerSource, "catalog-0.aaa.\(Self.catalog)") == (.noError, ["catalog-0.aaa.\(Self.catalog). 5 IN A 10.1.0.1"]))
    }

    @Test func whenEveryClusterIsStaleTheOldestStaleExportDecides() {
        let answerSource = Self.answerSource([
            Exporter(cluster: "aaa", live: false, firstExported: .seconds(30), export: Self.headless("10.1.0.1", ready: true)),
            Exporter(cluster: "bbb", live: false, firstExported: .seconds(10), export: Self.clusterSetIP("172.16.0.2")),
        ])
        #expect(Self.answer(answerSource, Self.catalog) == (.noError, Self.records("A", "172.16.0.2")))
        let explanation = answerSource.explain(DiscoveryFixture.name(Self.catalog), type: .a)
        #expect(explanation.failStatic)
        #expect(
            explanation.candidates.map(\.reason) == [
                "exported as headless, but cluster bbb sets the service's kind to clusterSetIP: its export is the oldest and no exporting "
                    + "cluster is live (KEP-1645: the oldest export wins; the smaller cluster id between exports as old)",
                "lease stale, answered because no live cluster has anything for this name (fail static)",
            ])
    }

    @Test func exportsAsOldGoToTheSmallerClusterID() {
        let headlessFirst = Self.answerSource([
            Exporter(cluster: "aaa", live: true, firstExported: .seconds(10), export: Self.headless("10.1.0.1", ready: true)),
            Exporter(cluster: "bbb", live: true, firstExported: .seconds(10), export: Self.clusterSetIP("172.16.0.2")),
        ])
        #expect(Self.answer(headlessFirst, Self.catalog) == (.noError, Self.records("A", "10.1.0.1")))

        let clusterSetIPFirst = Self.answerSource([
            Exporter(cluster: "aaa", live: true, firstExported: .seconds(10), export: Self.clusterSetIP("172.16.0.1")),
            Exporter(cluster: "bbb", live: true, firstExported: .seconds(10), export: Self.headless("10.1.0.2", ready: true)),
        ])
        #expect(Self.answer(clusterSetIPFirst, Self.catalog) == (.noError, Self.records("A", "172.16.0.1")))
    }

    /// A conflicting headless export's own names (its cluster, its hostnames, its SRV targets) are gone too.
    @Test func aConflictingExportHasNoNamesOfItsOwn() {
        let answerSource = Self.answerSource([
            Exporter(cluster: "aaa", live: true, firstExported: .seconds(20), export: Self.headless("10.1.0.1", ready: true)),
            Exporter(cluster: "bbb", live: true, firstExported: .seconds(10), export: Self.clusterSetIP("172.16.0.2")),
        ])
        #expect(Self.answer(answerSource, "aaa.\(Self.catalog)") == (.nxDomain, []))
        #expect(Self.answer(answerSource, "catalog-0.aaa.\(Self.catalog)") == (.nxDomain, []))
        #expect(
            Self.answer(answerSource, "_http._tcp.\(Self.catalog)", .srv) == (
                .noError, ["_http._tcp.\(Self.catalog). 5 IN SRV 0 1 80 \(Self.catalog)."]
            ))
    }

    @Test func explainNamesTheDecidingClusterAndWhy() {
        let answerSource = Self.answerSource([
            Exporter(cluster: "aaa", live: true, firstExported: .seconds(20), export: Self.headless("10.1.0.1", ready: false)),
            Exporter(cluster: "bbb", live: true, firstExported: .seconds(10), export: Self.clusterSetIP("172.16.0.2")),
        ])
        let explanation = answerSource.explain(DiscoveryFixture.name(Self.catalog), type: .a)
        #expect(
            explanation.candidates == [
                Explanation.Candidate(
                    cluster: "aaa", namespace: "shop", lease: "live", readyEndpoints: 0, locality: "other", included: false,
                    reason: "exported as headless, but cluster bbb sets the service's kind to clusterSetIP: its export is the oldest of a live "
                        + "cluster (KEP-1645: the oldest export wins; the smaller cluster id between exports as old)"),
                Explanation.Candidate(
                    cluster: "bbb", namespace: "shop", lease: "live", readyEndpoints: 1, locality: "other", included: true,
                    reason: "live with ready endpoints"),
            ])
        #expect(explanation.answers == Self.records("A", "172.16.0.2"))
    }
}
