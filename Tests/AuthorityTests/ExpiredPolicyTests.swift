import Authority
import DNSWire
import EndpointTable
import Testing

@testable import Authority

/// The expired policy: the exports of a cluster whose lease expired are kept (answered as a stale
/// cluster's) or withdrawn from MCS names, per global namespace, and per service.
struct ExpiredPolicyTests {
    /// The discovery fixture with eu-west-2 (the only exporter of default/legacy) and us-east-2
    /// (the only exporter of default/idle, an acme member) expired.
    static let snapshot: TableSnapshot = {
        let base = DiscoveryFixture.snapshot()
        var clusters = base.clusters
        for id in ["eu-west-2", "us-east-2"] {
            clusters[DiscoveryFixture.cluster(id)]?.lease = .expired
        }
        return TableSnapshot(version: base.version + 1, clusters: clusters, services: base.services)
    }()

    static func answerSource(
        mcs: ExpiredPolicy = .keep, acme: ExpiredPolicy = .keep, services: [ServiceKey: ExpiredPolicy] = [:]
    ) -> AnswerSource {
        var settings = DiscoveryFixture.settings()
        settings.expiredPolicy = mcs
        settings.serviceExpiredPolicies = services
        settings.globalNamespaces = settings.globalNamespaces.map { namespace in
            var namespace = namespace
            namespace.expiredPolicy = acme
            return namespace
        }
        let snapshot = Self.snapshot
        return AnswerSource(zones: ZoneSetPublisher(DiscoveryFixture.zoneSet), table: { snapshot }, settings: settings, seed: 42)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let policies: String
        let source: @Sendable () -> AnswerSource
        let name: String
        let rcode: ResponseCode
        let answers: [String]
        var testDescription: String { "\(policies): \(name) → \(rcode) \(answers)" }
    }

    static let legacy = "legacy.default.svc.clusterset.local"
    static let legacyKey = ServiceKey(namespace: "default", name: "legacy")!

    static let cases: [Case] = [
        Case(policies: "keep", source: { answerSource() }, name: legacy, rcode: .noError, answers: ["\(legacy). 5 IN A 172.16.4.20"]),
        Case(policies: "keep", source: { answerSource() }, name: "idle.acme.local", rcode: .noError, answers: []),
        Case(policies: "MCS withdraw", source: { answerSource(mcs: .withdraw) }, name: legacy, rcode: .nxDomain, answers: []),
        Case(
            policies: "MCS withdraw", source: { answerSource(mcs: .withdraw) }, name: "idle.default.svc.clusterset.local", rcode: .nxDomain,
            answers: []),
        Case(policies: "MCS withdraw", source: { answerSource(mcs: .withdraw) }, name: "idle.acme.local", rcode: .noError, answers: []),
        Case(policies: "acme withdraw", source: { answerSource(acme: .withdraw) }, name: "idle.acme.local", rcode: .nxDomain, answers: []),
        Case(
            policies: "acme withdraw", source: { answerSource(acme: .withdraw) }, name: "idle.default.svc.clusterset.local", rcode: .noError,
            answers: []),
        Case(
            policies: "legacy withdraw over MCS keep", source: { answerSource(services: [legacyKey: .withdraw]) }, name: legacy, rcode: .nxDomain,
            answers: []),
        Case(
            policies: "legacy keep over MCS withdraw", source: { answerSource(mcs: .withdraw, services: [legacyKey: .keep]) }, name: legacy,
            rcode: .noError, answers: ["\(legacy). 5 IN A 172.16.4.20"]),
        // A live cluster's export is never withdrawn: web still answers its live clusters.
        Case(
            policies: "MCS withdraw", source: { answerSource(mcs: .withdraw) }, name: "web.default.svc.clusterset.local", rcode: .noError,
            answers: ["172.16.1.10", "172.16.3.10"].map { "web.default.svc.clusterset.local. 5 IN A \($0)" }),
    ]

    @Test(arguments: cases)
    func policiesDecideWhatExpiredClustersAnswer(_ testCase: Case) throws {
        let result = testCase.source().lookup(try DomainName(testCase.name), type: .a)
        #expect(result.rcode == testCase.rcode)
        #expect(result.sections.answers.map(\.description).sorted() == testCase.answers)
    }

    @Test func explainSaysWhyAnExpiredClusterIsLeftOut() throws {
        let explanation = Self.answerSource(mcs: .withdraw).explain(try DomainName("web.default.svc.clusterset.local"), type: .a)
        let expired = try #require(explanation.candidates.first { $0.cluster == "eu-west-2" })
        #expect(expired.lease == "expired")
        #expect(!expired.included)
        #expect(expired.reason == "lease expired (stale for longer than leases.expire-after); the expired policy withdraws its exports")
    }

    @Test func onlyExpiredLeasesAreWithdrawnAndOnlyByAWithdrawPolicy() throws {
        let withdrawn = ExpiredPolicies(clusterset: .withdraw, services: [:])
        #expect(withdrawn.withdraws(Self.legacyKey, lease: .expired, in: nil))
        #expect(!withdrawn.withdraws(Self.legacyKey, lease: .stale, in: nil))
        #expect(!ExpiredPolicies(clusterset: .keep, services: [:]).withdraws(Self.legacyKey, lease: .expired, in: nil))
    }
}
