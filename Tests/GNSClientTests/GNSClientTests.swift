import EndpointTable
import TestKit
import TestSupport
import Testing

@testable import Authority
@testable import GNSClient

/// Every call of ``GNSClient`` against a real gnsd: what it sends arrives, what gnsd answers decodes.
@Suite(.serialized)
struct GNSClientTests {
    typealias Fixture = PushFixture

    @Test func snapshotRoundTripsThroughExports() async throws {
        try await Fixture.withAdmin { client, _, _ in
            let result = try await client.putSnapshot(cluster: Fixture.west, Fixture.westSnapshot)
            #expect(result == PushResult(cluster: "aws-west", generation: 1, version: 1, leaseExpiresInSeconds: 15))
            let exports = try await client.exports(of: Fixture.west)
            #expect(exports == ClusterExports(cluster: "aws-west", generation: 1, exports: [ExportBody(Fixture.catalog), ExportBody(Fixture.db)]))
        }
    }

    @Test func clustersListLeaseAndSize() async throws {
        try await Fixture.withAdmin { client, _, clock in
            _ = try await client.putSnapshot(cluster: Fixture.west, Fixture.westSnapshot)
            _ = try await client.putSnapshot(cluster: Fixture.east, SnapshotBody(generation: 4, exports: []))
            clock.advance(by: .seconds(6))
            let list = try await client.clusters()
            #expect(
                list.clusters == [
                    ClusterView(
                        id: "aws-west", region: "us-west", zone: nil, labels: ["cloud": "aws"], generation: 1, lease: "live",
                        leaseExpiresInSeconds: 9, endpoints: 3),
                    ClusterView(
                        id: "gcp-east", region: nil, zone: nil, labels: [:], generation: 4, lease: "live", leaseExpiresInSeconds: 9, endpoints: 0),
                ])
        }
    }

    @Test func servicesMergeOverClusters() async throws {
        try await Fixture.withAdmin { client, _, _ in
            _ = try await client.putSnapshot(cluster: Fixture.west, Fixture.westSnapshot)
            let list = try await client.services()
            let http = PortBody(name: "http", port: 80, protocol: "TCP")
            let pg = PortBody(name: "pg", port: 5432, protocol: "TCP")
            let metrics = PortBody(port: 9187, protocol: "UDP")
            #expect(
                list.services == [
                    ServiceView(
                        namespace: "default", name: "catalog",
                        clusters: [
                            ServiceClusterView(
                                cluster: "aws-west", type: "clusterSetIP", ips: ["10.96.0.10"], ports: [http], readyEndpoints: 1, endpoints: 2,
                                lease: "live")
                        ]),
                    ServiceView(
                        namespace: "default", name: "db",
                        clusters: [
                            ServiceClusterView(
                                cluster: "aws-west", type: "headless", ips: nil, ports: [pg, metrics], readyEndpoints: 1, endpoints: 1, lease: "live")
                        ]),
                ])
        }
    }

    @Test func deltaAndHeartbeatAdvanceTheCluster() async throws {
        try await Fixture.withAdmin { client, _, clock in
            _ = try await client.putSnapshot(cluster: Fixture.west, Fixture.westSnapshot)
            let delta = DeltaBody(
                baseGeneration: 1, generation: 2, remove: [Fixture.dbKey],
                readiness: [ReadinessBody(service: Fixture.catalogKey, address: IPAddress("10.1.0.12")!, ready: true)])
            let applied = try await client.applyDelta(cluster: Fixture.west, delta)
            #expect(applied == PushResult(cluster: "aws-west", generation: 2, version: 2, leaseExpiresInSeconds: 15))
            clock.advance(by: .seconds(4))
            let renewed = try await client.heartbeat(cluster: Fixture.west)
            #expect(renewed == PushResult(cluster: "aws-west", generation: 2, version: 3, leaseExpiresInSeconds: 15))
            let exports = try await client.exports(of: Fixture.west).exports
            #expect(exports.map(\.name) == ["catalog"])
            #expect(exports.first?.endpoints?.map(\.ready) == [true, true])
        }
    }

    @Test func explainPlacesTheClient() async throws {
        try await Fixture.withAdmin { client, _, _ in
            _ = try await client.putSnapshot(cluster: Fixture.west, Fixture.westSnapshot)
            let explanation = try await client.explain(name: "catalog.acme.local", client: IPAddress("10.1.7.7")!)
            #expect(
                explanation
                    == Explanation(
                        name: "catalog.acme.local.", type: "A", zone: "acme.local.", source: .globalNamespace,
                        clientCluster: "aws-west", clientClusterSource: .sourceAddress,
                        clientPlacement: "aws-west, by the source address 10.1.7.7 in 10.1.0.0/16", policy: .localFirst,
                        candidates: [
                            .init(
                                cluster: "aws-west", namespace: "default", lease: "live", readyEndpoints: 1, locality: "client-cluster",
                                included: true, reason: "live with ready endpoints")
                        ],
                        failStatic: false, rcode: "NOERROR", authoritative: true,
                        answers: ["catalog.acme.local. 5 IN A 10.96.0.10"], authorities: [], additionals: []))
            let srv = try await client.explain(name: "_pg._tcp.db.default.svc.clusterset.local", type: "SRV")
            #expect(srv.answers == ["_pg._tcp.db.default.svc.clusterset.local. 5 IN SRV 0 1 5432 db-0.aws-west.db.default.svc.clusterset.local."])
            #expect(srv.clientCluster == nil)
            #expect(srv.clientClusterSource == .unknown)
        }
    }

    @Test func deleteForgetsTheCluster() async throws {
        try await Fixture.withAdmin { client, _, _ in
            _ = try await client.putSnapshot(cluster: Fixture.west, Fixture.westSnapshot)
            try await client.deleteCluster(Fixture.west)
            #expect(try await client.clusters().clusters == [])
            #expect(try await client.services().services == [])
        }
    }

    @Test func healthAndReadiness() async throws {
        try await Fixture.withAdmin { client, _, _ in
            try await client.healthz()
            // Readiness follows DNS binding, which the start-up announces a moment later.
            #expect(try await eventually(within: .seconds(2), every: .milliseconds(20)) { try await client.readyz() })
        }
    }
}
