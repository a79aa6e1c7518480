import Authority
import DNSWire
import EndpointTable
import HashTreeCollections
import Testing

/// Export visibility over the discovery fixture: `default/catalog` of us-east-1 is visible to
/// `eu-*` clusters, eu-west-1's to clusters labelled `tier=gold` (us-east-2); a client gnsd
/// places elsewhere, or (by default) nowhere, gets what a name that does not exist gets.
struct VisibilityTests {
    static let catalog = ServiceKey(namespace: "default", name: "catalog")!
    static let mcsName = "catalog.default.svc.clusterset.local"

    /// The fixture's table with the two catalog exports restricted and us-east-2 labelled `tier=gold`.
    static let snapshot: TableSnapshot = {
        let base = DiscoveryFixture.snapshot()
        var clusters = base.clusters
        clusters[DiscoveryFixture.cluster("us-east-2")]?.info.labels = ["tier": "gold"]
        var services = base.services
        services[catalog]?.exports[DiscoveryFixture.cluster("us-east-1")]?.visibility = ExportVisibility(clusters: ["eu-*"])
        services[catalog]?.exports[DiscoveryFixture.cluster("eu-west-1")]?.visibility = ExportVisibility(labels: ["tier": "gold"])
        return TableSnapshot(version: base.version + 1, clusters: clusters, services: services)
    }()

    static func answerSource(unplacedAllowed: Bool = false) -> AnswerSource {
        var settings = DiscoveryFixture.settings(policy: .roundRobin)
        settings.unplacedClientsSeeRestricted = unplacedAllowed
        let snapshot = Self.snapshot
        return AnswerSource(zones: ZoneSetPublisher(DiscoveryFixture.zoneSet), table: { snapshot }, settings: settings, seed: 42)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let client: DiscoveryFixture.Client
        let name: String
        let type: RecordType
        let unplacedAllowed: Bool
        let rcode: ResponseCode
        let answers: [String]
        var testDescription: String { "\(client) \(type) \(name)\(unplacedAllowed ? " (unplaced allowed)" : "") → \(rcode) \(answers)" }
    }

    static func a(_ name: String, _ addresses: [String], ttl: Int = 5) -> [String] {
        addresses.map { "\(name). \(ttl) IN A \($0)" }
    }

    static let cases: [Case] = [
        // us-east-1 always sees its own export; us-east-2 (tier=gold) sees eu-west-1's too.
        Case(client: .usEast1, name: mcsName, type: .a, unplacedAllowed: false, rcode: .noError, answers: a(mcsName, ["172.16.1.50"])),
        Case(client: .usEast2, name: mcsName, type: .a, unplacedAllowed: false, rcode: .noError, answers: a(mcsName, ["172.16.3.50"])),
        // eu-west-1 sees us-east-1's (eu-*) and its own; eu-west-2 (eu-*) only us-east-1's.
        Case(
            client: .euWest1v6, name: mcsName, type: .a, unplacedAllowed: false, rcode: .noError,
            answers: a(mcsName, ["172.16.1.50", "172.16.3.50"])),
        Case(client: .euWest2, name: mcsName, type: .a, unplacedAllowed: false, rcode: .noError, answers: a(mcsName, ["172.16.1.50"])),
        // ECS places the client: from us-east-1's network, speaking for eu-west-1.
        Case(
            client: .ecsEuWest1, name: mcsName, type: .a, unplacedAllowed: false, rcode: .noError,
            answers: a(mcsName, ["172.16.1.50", "172.16.3.50"])),
        // A client in no cluster network: nothing by default, everything when allowed.
        Case(client: .outside, name: mcsName, type: .a, unplacedAllowed: false, rcode: .nxDomain, answers: []),
        Case(client: .outside, name: mcsName, type: .srv, unplacedAllowed: false, rcode: .nxDomain, answers: []),
        Case(client: .outside, name: "_http._tcp.\(mcsName)", type: .srv, unplacedAllowed: false, rcode: .nxDomain, answers: []),
        Case(
            client: .outside, name: mcsName, type: .a, unplacedAllowed: true, rcode: .noError,
            answers: a(mcsName, ["172.16.1.50", "172.16.3.50"])),
        // The global namespace acme (default of us-*, shop of eu-west-?): us-east-2 does not see
        // us-east-1's catalog, only eu-west-1's unrestricted shop/catalog; a client in no cluster
        // sees that one alone too.
        Case(
            client: .usEast2, name: "catalog.acme.local", type: .a, unplacedAllowed: false, rcode: .noError,
            answers: a("catalog.acme.local", ["10.13.2.1", "10.13.2.2"], ttl: 10)),
        Case(
            client: .usEast1, name: "catalog.acme.local", type: .a, unplacedAllowed: false, rcode: .noError,
            answers: a("catalog.acme.local", ["10.13.2.1", "10.13.2.2", "172.16.1.50"], ttl: 10)),
        Case(
            client: .outside, name: "catalog.acme.local", type: .a, unplacedAllowed: false, rcode: .noError,
            answers: a("catalog.acme.local", ["10.13.2.1", "10.13.2.2"], ttl: 10)),
        // Unrestricted services answer everyone as before.
        Case(
            client: .outside, name: "static.default.svc.clusterset.local", type: .a, unplacedAllowed: false, rcode: .noError,
            answers: a("static.default.svc.clusterset.local", ["192.0.2.80"], ttl: 3600)),
    ]

    @Test(arguments: cases)
    func onlyTheClustersAnExportNamesResolveIt(_ testCase: Case) throws {
        let source = Self.answerSource(unplacedAllowed: testCase.unplacedAllowed)
        let result = source.lookup(try DomainName(testCase.name), type: testCase.type, client: testCase.client.context)
        #expect(result.rcode == testCase.rcode)
        #expect(result.sections.answers.map(\.description).sorted() == testCase.answers)
    }

    @Test func reverseNamesAnswerOnlyTheClientsThatSeeTheExport() throws {
        let owner = try DomainName("50.1.16.172.in-addr.arpa")
        let settings = DiscoveryFixture.settings()
        let zones = TestZone.load([
            "clusterset.local": DiscoveryFixture.clustersetZone, "acme.local": DiscoveryFixture.acmeZone,
            "16.172.in-addr.arpa":
                "$ORIGIN 16.172.in-addr.arpa.\n@ 3600 IN SOA ns1.clusterset.local. h.clusterset.local. 1 2 3 4 30\n@ 3600 NS ns1.clusterset.local.\n",
        ])
        let snapshot = Self.snapshot
        let source = AnswerSource(zones: ZoneSetPublisher(zones), table: { snapshot }, settings: settings, seed: 1)
        let seen = source.lookup(owner, type: .ptr, client: DiscoveryFixture.Client.euWest2.context)
        #expect(
            seen.sections.answers.map(\.description).sorted() == [
                "50.1.16.172.in-addr.arpa. 10 IN PTR catalog.acme.local.", "50.1.16.172.in-addr.arpa. 5 IN PTR catalog.default.svc.clusterset.local.",
            ])
        #expect(source.lookup(owner, type: .ptr, client: DiscoveryFixture.Client.usEast2.context).rcode == .nxDomain)
        #expect(source.lookup(owner, type: .ptr, client: DiscoveryFixture.Client.outside.context).rcode == .nxDomain)
    }

    @Test func transfersCarryOnlyNamesEveryoneSees() throws {
        let source = Self.answerSource(unplacedAllowed: true)
        let state = source.transferState()
        let origin = try DomainName("clusterset.local")
        let records = source.records(of: source.transferGroups(of: origin, in: state), in: origin, state: state).map(\.description)
        #expect(!records.contains { $0.contains("catalog.default") }, "\(records.filter { $0.contains("catalog") })")
        #expect(records.contains { $0.hasPrefix("web.default.svc.clusterset.local.") })
    }

    @Test func explainSaysWhoMaySeeTheExport() throws {
        let explanation = Self.answerSource().explain(try DomainName(Self.mcsName), type: .a, client: DiscoveryFixture.Client.usEast2.context)
        let hidden = try #require(explanation.candidates.first { $0.cluster == "us-east-1" })
        #expect(!hidden.included)
        #expect(
            hidden.reason
                == "the export is visible only to clusters eu-* or cluster us-east-1, and the client is not placed in one of them (answers.unplaced-clients for clients in no cluster)"
        )
        #expect(explanation.candidates.first { $0.cluster == "eu-west-1" }?.included == true)
    }
}
