import Authority
import DNSWire
import EndpointTable
import Testing

@testable import Authority

/// PTR records for the addresses gnsd serves (KEP-1645 §2.3.3, §2.4.3), over the discovery
/// fixture: reverse zones for 10/8, 172/8 and fd00::/8, one static PTR in them.
struct ReverseAnswerTests {
    static let zones = TestZone.load([
        "clusterset.local": DiscoveryFixture.clustersetZone, "acme.local": DiscoveryFixture.acmeZone,
        "10.in-addr.arpa": reverseZone("10.in-addr.arpa."),
        "172.in-addr.arpa": reverseZone("172.in-addr.arpa.", extra: "30.1.16 PTR pinned.example."),
        "d.f.ip6.arpa": reverseZone("d.f.ip6.arpa."),
    ])

    static func reverseZone(_ origin: String, extra: String = "") -> String {
        """
        $ORIGIN \(origin)
        $TTL 3600
        @       IN SOA ns1.clusterset.local. hostmaster.clusterset.local. 2026010100 7200 3600 1209600 30
        @       NS    ns1.clusterset.local.
        \(extra)
        """
    }

    static func answerSource(stale: Set<String> = ["eu-west-2"], text: Bool = false) -> AnswerSource {
        let snapshot = DiscoveryFixture.snapshot(stale: stale)
        return AnswerSource(
            zones: ZoneSetPublisher(zones), table: { snapshot }, settings: DiscoveryFixture.settings(extendedErrorText: text), seed: 42)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        var type: RecordType = .ptr
        let rcode: ResponseCode
        let answers: [String]
        var testDescription: String { "\(name) \(type) → \(rcode) \(answers)" }
    }

    static let cases: [Case] = [
        // us-east-1's web IP: the MCS name, and web.acme.local (us-* default is an acme member).
        Case(
            name: "10.1.16.172.in-addr.arpa", rcode: .noError,
            answers: ["web.default.svc.clusterset.local.", "web.acme.local."].map {
                "10.1.16.172.in-addr.arpa. \($0.hasSuffix("acme.local.") ? 10 : 5) IN PTR \($0)"
            }),
        Case(name: "10.1.16.172.in-addr.arpa", type: .a, rcode: .noError, answers: []),
        Case(
            name: "10.1.16.172.in-addr.arpa", type: .any, rcode: .noError,
            answers: ["10.1.16.172.in-addr.arpa. 5 IN PTR web.default.svc.clusterset.local.", "10.1.16.172.in-addr.arpa. 10 IN PTR web.acme.local."]),
        // eu-west-2's web IP: stale while live clusters answer web, so no name answers it.
        Case(name: "10.4.16.172.in-addr.arpa", rcode: .nxDomain, answers: []),
        // legacy only in stale eu-west-2: answered fail static.
        Case(name: "20.4.16.172.in-addr.arpa", rcode: .noError, answers: ["20.4.16.172.in-addr.arpa. 5 IN PTR legacy.default.svc.clusterset.local."]),
        // A headless endpoint with a hostname, in an acme member namespace.
        Case(
            name: "1.0.11.10.in-addr.arpa", rcode: .noError,
            answers: [
                "1.0.11.10.in-addr.arpa. 5 IN PTR db-0.us-east-1.db.default.svc.clusterset.local.",
                "1.0.11.10.in-addr.arpa. 10 IN PTR db.acme.local.",
            ]),
        // Its sibling db-1 is not ready.
        Case(name: "2.0.11.10.in-addr.arpa", rcode: .nxDomain, answers: []),
        // Without a hostname: the system-assigned identifier.
        Case(
            name: "9.0.13.10.in-addr.arpa", rcode: .noError,
            answers: ["9.0.13.10.in-addr.arpa. 5 IN PTR 10-13-0-9.eu-west-1.db.default.svc.clusterset.local."]),
        Case(
            name: "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.3.1.0.0.0.0.D.F.ip6.arpa", rcode: .noError,
            answers: [
                "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.3.1.0.0.0.0.D.F.ip6.arpa. 5 IN PTR db-0.eu-west-1.db.default.svc.clusterset.local."
            ]),
        // A pod IP behind a clusterSetIP service answers no name.
        Case(name: "1.9.11.10.in-addr.arpa", rcode: .nxDomain, answers: []),
        // Prefixes of served addresses are empty non-terminals; others do not exist.
        Case(name: "0.11.10.in-addr.arpa", rcode: .noError, answers: []),
        Case(name: "3.1.0.0.0.0.d.f.ip6.arpa", rcode: .noError, answers: []),
        Case(name: "99.10.in-addr.arpa", rcode: .nxDomain, answers: []),
        // Not an address: a leading zero, a label that is no octet, one label too many.
        Case(name: "01.0.11.10.in-addr.arpa", rcode: .nxDomain, answers: []),
        Case(name: "x.0.11.10.in-addr.arpa", rcode: .nxDomain, answers: []),
        Case(name: "5.1.0.11.10.in-addr.arpa", rcode: .nxDomain, answers: []),
        // The zone file wins over the table.
        Case(name: "30.1.16.172.in-addr.arpa", rcode: .noError, answers: ["30.1.16.172.in-addr.arpa. 3600 IN PTR pinned.example."]),
        // No reverse zone holds it.
        Case(name: "1.0.168.192.in-addr.arpa", rcode: .refused, answers: []),
    ]

    @Test(arguments: cases)
    func answersAsTheForwardNamesDo(_ testCase: Case) throws {
        let result = Self.answerSource().lookup(try DomainName(testCase.name), type: testCase.type)
        #expect(result.rcode == testCase.rcode)
        #expect(result.sections.answers.map(\.description) == testCase.answers)
        if testCase.rcode == .nxDomain || (testCase.rcode == .noError && testCase.answers.isEmpty) {
            #expect(result.sections.authorities.map(\.type) == [.soa])
        }
    }

    @Test func aFailStaticPTRIsCappedAndMarkedStale() throws {
        let source = Self.answerSource(stale: ["us-east-1", "us-east-2", "eu-west-1", "eu-west-2"], text: true)
        var response = Message(header: Header(id: 1))
        let facts = source.answer(Question(name: try DomainName("10.1.16.172.in-addr.arpa"), type: .ptr), client: ClientContext(), into: &response)
        #expect(response.answers.map(\.ttl) == [5, 10])
        #expect(facts.extendedError == ExtendedDNSError(.staleAnswer, text: "fail static: leases lapsed for us-east-1"))
        #expect(facts.dependency == .anyChange)
    }

    @Test(arguments: ["10.1.16.172.in-addr.arpa", "fd00:13::1", "0.0.0.0", "255.255.255.255", "::", "fd00:e1::5"])
    func reverseNamesRoundTrip(_ text: String) throws {
        if let address = IPAddress(text) {
            let reverse = ReverseName(address: address)
            #expect(ReverseName(reverse.name) == reverse)
            #expect(reverse.address == address)
            #expect(reverse.lowestAddress == address)
        } else {
            let reverse = try #require(ReverseName(try DomainName(text)))
            #expect(reverse.address == IPAddress("172.16.1.10"))
        }
    }

    @Test func theIndexFollowsTableChangesAsARebuildWould() throws {
        let (aws, gcp) = (ClusterID("aws-west")!, ClusterID("gcp-east")!)
        let web = ServiceKey(namespace: "shop", name: "web")!
        let db = ServiceKey(namespace: "shop", name: "db")!
        func export(_ key: ServiceKey, ips: [String]?, _ endpoints: [String]) -> ServiceExport {
            DiscoveryFixture.export(key.namespace, key.name, ips: ips, ports: [], endpoints.map { DiscoveryFixture.ready($0) })
        }
        let table = try EndpointTable(store: InMemoryEndpointStore(), clock: ManualLeaseClock(), settings: TableSettings())
        var index = AddressIndex(snapshot: table.snapshot)
        let steps: [TableChange] = [
            .snapshot(
                aws, generation: 1, info: ClusterInfo(), exports: [export(web, ips: ["10.96.0.1"], ["10.1.0.1"]), export(db, ips: nil, ["10.1.0.7"])]),
            .snapshot(gcp, generation: 1, info: ClusterInfo(), exports: [export(db, ips: nil, ["10.1.0.7", "fd00::7"])]),
            .delta(aws, baseGeneration: 1, generation: 2, operations: [.remove(db), .upsert(export(web, ips: ["10.96.0.2"], ["10.1.0.1"]))]),
            .delta(gcp, baseGeneration: 1, generation: 2, operations: [.remove(db)]),
            .heartbeat(aws),
        ]
        let probes = ["10.96.0.1", "10.96.0.2", "10.1.0.1", "10.1.0.7", "fd00::7"].map { IPAddress($0)! }
        let prefixes =
            [[10], [10, 96], [10, 1, 0], [10, 96, 0, 1]].map { ReverseName(family: .v4, digits: $0) }
            + [ReverseName(family: .v6, digits: [0xF, 0xD])]
        let expected: [[[ServiceKey]]] = [
            [[web], [], [], [db], []], [[web], [], [], [db], [db]], [[], [web], [], [db], [db]], [[], [web], [], [], []], [[], [web], [], [], []],
        ]
        for (step, exporting) in zip(steps, expected) {
            let snapshot = try table.apply(step)
            index = index.updated(to: snapshot)
            let rebuilt = AddressIndex(snapshot: snapshot)
            #expect(probes.map(index.services(exporting:)) == exporting, "\(step)")
            #expect(probes.map(rebuilt.services(exporting:)) == exporting, "\(step)")
            #expect(prefixes.map(index.containsAddress(beginningWith:)) == prefixes.map(rebuilt.containsAddress(beginningWith:)), "\(step)")
        }
        #expect(prefixes.map(index.containsAddress(beginningWith:)) == [true, true, false, false, false])
    }
}
