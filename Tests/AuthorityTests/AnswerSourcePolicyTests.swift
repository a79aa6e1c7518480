import Authority
import DNSWire
import Testing

/// Ordering, rotation, the per-answer cap, fail static and the SOA serial, over repeated queries.
struct AnswerSourcePolicyTests {
    static let web = DiscoveryFixture.name("web.default.svc.clusterset.local")

    /// The A record data of `count` consecutive lookups of `web.default.svc.clusterset.local`.
    static func answers(_ answerSource: AnswerSource, client: DiscoveryFixture.Client = .outside, count: Int = 3) -> [[String]] {
        (0..<count).map { _ in answerSource.lookup(web, type: .a, client: client.context).sections.answers.map(\.rdata.description) }
    }

    @Test func repeatedQueriesRotateTheAnswer() {
        #expect(
            Self.answers(DiscoveryFixture.answerSource()) == [
                ["172.16.3.10", "172.16.1.10", "172.16.2.10"],
                ["172.16.1.10", "172.16.2.10", "172.16.3.10"],
                ["172.16.2.10", "172.16.3.10", "172.16.1.10"],
            ])
    }

    @Test func localFirstRotatesWithinEachTier() {
        let answers = Self.answers(DiscoveryFixture.answerSource(), client: .euWest2, count: 2)
        #expect(answers == [["172.16.3.10", "172.16.1.10", "172.16.2.10"], ["172.16.3.10", "172.16.2.10", "172.16.1.10"]])
    }

    @Test func roundRobinIgnoresLocality() {
        let answers = Self.answers(DiscoveryFixture.answerSource(policy: .roundRobin), client: .usEast1, count: 2)
        #expect(answers == [["172.16.3.10", "172.16.1.10", "172.16.2.10"], ["172.16.1.10", "172.16.2.10", "172.16.3.10"]])
    }

    @Test func weightedFavoursHeavierClustersAndReplaysFromItsSeed() {
        let answers = Self.answers(DiscoveryFixture.answerSource(policy: .weighted, seed: 7), client: .usEast1, count: 600)
        let first = Dictionary(grouping: answers.map { $0[0] }, by: { $0 }).mapValues(\.count)
        #expect(answers.allSatisfy { Set($0) == ["172.16.1.10", "172.16.2.10", "172.16.3.10"] })
        #expect((240...360).contains(first["172.16.2.10", default: 0]), "weight 3 of 6: \(first)")
        #expect((150...250).contains(first["172.16.1.10", default: 0]), "weight 2 of 6: \(first)")
        #expect((50...150).contains(first["172.16.3.10", default: 0]), "weight 1 of 6: \(first)")
        #expect(Self.answers(DiscoveryFixture.answerSource(policy: .weighted, seed: 7), count: 20) == Array(answers.prefix(20)))
        #expect(Self.answers(DiscoveryFixture.answerSource(policy: .weighted, seed: 8), count: 20) != Array(answers.prefix(20)))
    }

    @Test func maxRecordsCapsEachAnswerAndRotationReachesTheRest() {
        #expect(
            Self.answers(DiscoveryFixture.answerSource(maxRecords: 2)) == [
                ["172.16.3.10", "172.16.1.10"], ["172.16.1.10", "172.16.2.10"], ["172.16.2.10", "172.16.3.10"],
            ])
        let srv = DiscoveryFixture.answerSource(maxRecords: 1).lookup(
            DiscoveryFixture.name("_pg._tcp.db.default.svc.clusterset.local"), type: .srv, client: DiscoveryFixture.Client.usEast1.context)
        #expect(srv.sections.answers.map(\.rdata.description) == ["0 1 5432 db-0.us-east-1.db.default.svc.clusterset.local."])
        #expect(srv.sections.additionals.map(\.rdata.description) == ["10.11.0.1"])
    }

    @Test func staleClustersAnswerOnlyWhenNoLiveClusterCan() {
        let allStale = DiscoveryFixture.snapshot(stale: ["us-east-1", "us-east-2", "eu-west-1", "eu-west-2"])
        let answerSource = DiscoveryFixture.answerSource(table: allStale)
        #expect(Self.answers(answerSource, count: 1) == [["172.16.3.10", "172.16.4.10", "172.16.1.10", "172.16.2.10"]])
        let explanation = answerSource.explain(Self.web, type: .a)
        #expect(explanation.failStatic)
        #expect(explanation.candidates.allSatisfy { $0.included && $0.lease == "stale" })
        let oneLive = DiscoveryFixture.snapshot(stale: ["us-east-1", "us-east-2", "eu-west-2"])
        #expect(Self.answers(DiscoveryFixture.answerSource(table: oneLive), count: 1) == [["172.16.3.10"]])
        #expect(!DiscoveryFixture.answerSource(table: oneLive).explain(Self.web, type: .a).failStatic)
    }

    static let serials: [(UInt64, UInt32)] = [(0, 2026010100), (7, 2026010107), (8, 2026010108), (UInt64(UInt32.max) + 5, 2026010104)]

    @Test(arguments: serials)
    func soaSerialAdvancesWithTheTable(version: UInt64, serial: UInt32) {
        let answerSource = DiscoveryFixture.answerSource(table: DiscoveryFixture.snapshot(version: version))
        let negative = answerSource.lookup(DiscoveryFixture.name("nosuch.svc.clusterset.local"), type: .a)
        let apex = answerSource.lookup(DiscoveryFixture.name("clusterset.local"), type: .soa)
        let staticNoData = answerSource.lookup(DiscoveryFixture.name("www.acme.local"), type: .txt)
        for record in negative.sections.authorities + apex.sections.answers + staticNoData.sections.authorities {
            guard case .soa(let soa) = record.rdata else {
                Issue.record("not an SOA: \(record)")
                continue
            }
            #expect(soa.serial == serial)
        }
        let unrelated = answerSource.lookup(DiscoveryFixture.name("nope.example.test"), type: .a)
        #expect(unrelated.sections.authorities.map(\.description) == [LookupTests.soa])
    }

    @Test func missingZonesNamesDynamicDomainsWithoutAZone() {
        #expect(DiscoveryFixture.answerSource().missingZones().isEmpty)
        let bare = AnswerSource(
            zones: ZoneSetPublisher(TestZone.zoneSet), table: { .empty }, settings: DiscoverySettings.init(globalNamespaces: [DiscoveryFixture.acme]))
        #expect(bare.missingZones() == [DiscoveryFixture.name("clusterset.local"), DiscoveryFixture.name("acme.local")])
    }

    /// Which clusters' `web` service IPs `web.glob.test` answers with one member of `pattern`.
    @Test(arguments: [
        ("*", ["172.16.1.10", "172.16.2.10", "172.16.3.10"]),
        ("us-*", ["172.16.1.10", "172.16.2.10"]),
        ("*-1", ["172.16.1.10", "172.16.3.10"]),
        ("eu-west-?", ["172.16.3.10"]),
        ("u?-e*t-2", ["172.16.2.10"]),
        ("us-east", []),
        ("eu-west-??", []),
    ])
    func memberPatternsAreGlobsOverClusterIDs(pattern: String, expected: [String]) throws {
        let namespace = GlobalNamespace(
            name: "glob", domain: try DomainName("acme.local"), members: [.init(clusterPattern: pattern, namespace: "default")])
        let answerSource = AnswerSource(
            zones: ZoneSetPublisher(DiscoveryFixture.zoneSet), table: { DiscoveryFixture.snapshot() },
            settings: DiscoverySettings(globalNamespaces: [namespace], policy: .roundRobin))
        let answers = answerSource.lookup(try DomainName("web.acme.local"), type: .a).sections.answers.map(\.rdata.description)
        #expect(answers.sorted() == expected)
    }
}
