import Authority
import DNSWire
import Foundation
import Testing

/// What the explain endpoint shows: the zone, source, client cluster, candidates and records.
struct ExplanationTests {
    @Test func explainsAnMCSAnswerForAnECSClient() throws {
        let answerSource = DiscoveryFixture.answerSource()
        let web = DiscoveryFixture.name("web.default.svc.clusterset.local")
        let explanation = answerSource.explain(web, type: .a, client: DiscoveryFixture.Client.ecsEuWest1.context)
        #expect(explanation.name == "web.default.svc.clusterset.local.")
        #expect(explanation.type == "A")
        #expect(explanation.zone == "clusterset.local.")
        #expect(explanation.source == .mcs)
        #expect(explanation.clientCluster == "eu-west-1")
        #expect(explanation.clientClusterSource == .ecs)
        #expect(explanation.clientPlacement.hasPrefix("eu-west-1, by the ECS subnet "), "\(explanation.clientPlacement)")
        #expect(explanation.policy == .localFirst)
        #expect(!explanation.failStatic)
        #expect(
            explanation.candidates == [
                .init(
                    cluster: "eu-west-1", namespace: "default", lease: "live", readyEndpoints: 1, locality: "client-cluster", included: true,
                    reason: "live with ready endpoints"),
                .init(
                    cluster: "eu-west-2", namespace: "default", lease: "stale", readyEndpoints: 1, locality: "same-region", included: false,
                    reason: "lease stale while live clusters answer"),
                .init(
                    cluster: "us-east-1", namespace: "default", lease: "live", readyEndpoints: 2, locality: "other", included: true,
                    reason: "live with ready endpoints"),
                .init(
                    cluster: "us-east-2", namespace: "default", lease: "live", readyEndpoints: 1, locality: "other", included: true,
                    reason: "live with ready endpoints"),
            ])
        #expect(explanation.rcode == "NOERROR")
        #expect(explanation.authoritative)
        #expect(
            explanation.answers == [
                "web.default.svc.clusterset.local. 5 IN A 172.16.3.10", "web.default.svc.clusterset.local. 5 IN A 172.16.1.10",
                "web.default.svc.clusterset.local. 5 IN A 172.16.2.10",
            ])
        #expect(explanation.authorities.isEmpty && explanation.additionals.isEmpty)
        #expect(answerSource.lookup(web, type: .a).sections.answers.first?.rdata.description == "172.16.3.10", "explain leaves the rotation alone")
    }

    @Test func explainsConflictsAndGlobalNamespaceMembers() {
        let answerSource = DiscoveryFixture.answerSource()
        let cache = answerSource.explain(
            DiscoveryFixture.name("cache.apps.svc.clusterset.local"), type: .a, client: DiscoveryFixture.Client.usEast1.context)
        #expect(cache.clientClusterSource == .sourceAddress)
        #expect(cache.clientPlacement.hasPrefix("us-east-1, by the source address "), "\(cache.clientPlacement)")
        #expect(
            cache.candidates.map(\.reason) == [
                "live with ready endpoints",
                "exported as clusterSetIP, but cluster eu-west-1 sets the service's kind to headless: its export is the oldest of a live cluster "
                    + "(KEP-1645: the oldest export wins; the smaller cluster id between exports as old)",
            ])
        let catalog = answerSource.explain(DiscoveryFixture.name("catalog.acme.local"), type: .a)
        #expect(catalog.source == .globalNamespace)
        #expect(catalog.clientCluster == nil && catalog.clientClusterSource == .unknown)
        #expect(catalog.clientPlacement == "in no cluster: no client address or ECS subnet given")
        #expect(catalog.candidates.map { "\($0.cluster)/\($0.namespace)" } == ["eu-west-1/shop", "us-east-1/default"])
    }

    @Test func explainsStaticAndRefusedNames() {
        let answerSource = DiscoveryFixture.answerSource()
        let static_ = answerSource.explain(DiscoveryFixture.name("static.default.svc.clusterset.local"), type: .a)
        #expect(static_.source == .static)
        #expect(static_.candidates.isEmpty)
        #expect(static_.answers == ["static.default.svc.clusterset.local. 3600 IN A 192.0.2.80"])
        let refused = answerSource.explain(DiscoveryFixture.name("www.elsewhere.test"), type: .a)
        #expect(refused.source == .none && refused.zone == nil && refused.rcode == "REFUSED" && !refused.authoritative)
    }

    @Test func encodesToPlainJSON() throws {
        let explanation = DiscoveryFixture.answerSource().explain(DiscoveryFixture.name("legacy.default.svc.clusterset.local"), type: .a)
        let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(explanation)) as? [String: Any]
        #expect(json?["source"] as? String == "mcs")
        #expect(json?["policy"] as? String == "local-first")
        #expect(json?["clientClusterSource"] as? String == "unknown")
        #expect(json?["failStatic"] as? Bool == true)
        #expect(json?["answers"] as? [String] == ["legacy.default.svc.clusterset.local. 5 IN A 172.16.4.20"])
        let candidate = (json?["candidates"] as? [[String: Any]])?.first
        #expect(candidate?["cluster"] as? String == "eu-west-2")
        #expect(candidate?["included"] as? Bool == true)
    }
}
