import EndpointTable
import Foundation
import TestKit
import TestSupport
import Testing

@testable import GNSClient

/// How ``GNSClient`` reports refusals, unreachable servers and bad addresses.
@Suite(.serialized)
struct GNSClientErrorTests {
    typealias Fixture = PushFixture

    /// The error `call` throws; fails the test when it throws none or another kind.
    static func failure(_ call: () async throws -> Void) async -> GNSClientError? {
        do {
            try await call()
            Issue.record("expected an error")
        } catch let error as GNSClientError {
            return error
        } catch {
            Issue.record("expected a GNSClientError, got \(error)")
        }
        return nil
    }

    @Test func missingTokenIs401() async throws {
        try await Fixture.withAdmin { _, server, _ in
            let anonymous = try GNSClient(server: "http://127.0.0.1:\(server.apiPort)/")
            let error = await Self.failure { _ = try await anonymous.clusters() }
            await anonymous.shutdown()
            #expect(error == .api(APIFailure(status: 401, code: "unauthorized", message: "an Authorization: Bearer token is required")))
            #expect(error?.description == "401 unauthorized: an Authorization: Bearer token is required")
        }
    }

    @Test func clusterTokenMayNotDelete() async throws {
        try await Fixture.withAdmin { admin, server, _ in
            _ = try await admin.putSnapshot(cluster: Fixture.west, Fixture.westSnapshot)
            let agent = try GNSClient(server: "http://127.0.0.1:\(server.apiPort)", token: Fixture.westToken)
            let error = await Self.failure { try await agent.deleteCluster(Fixture.west) }
            let heartbeat = try await agent.heartbeat(cluster: Fixture.west)
            await agent.shutdown()
            #expect(error?.description == "403 forbidden: only an admin deletes clusters")
            #expect(heartbeat.generation == 1)
        }
    }

    @Test func unknownClusterIs404() async throws {
        try await Fixture.withAdmin { client, _, _ in
            let error = await Self.failure { _ = try await client.heartbeat(cluster: Fixture.east) }
            #expect(
                error
                    == .api(
                        APIFailure(
                            status: 404, code: "unknown_cluster", message: "cluster gcp-east is not known; send a snapshot first", field: "cluster")))
            #expect(error?.description == "404 unknown_cluster: cluster gcp-east is not known; send a snapshot first")
        }
    }

    @Test func staleGenerationIs409WithTheCurrentGeneration() async throws {
        try await Fixture.withAdmin { client, _, _ in
            var snapshot = Fixture.westSnapshot
            snapshot.generation = 7
            _ = try await client.putSnapshot(cluster: Fixture.west, snapshot)
            snapshot.generation = 3
            let error = await Self.failure { _ = try await client.putSnapshot(cluster: Fixture.west, snapshot) }
            guard case .api(let failure) = error else {
                Issue.record("expected an API error, got \(String(describing: error))")
                return
            }
            #expect(failure.status == 409)
            #expect(failure.code == "stale_generation")
            #expect(failure.currentGeneration == 7)
            #expect(failure.description == "409 stale_generation: generation must be greater than the current generation 7")

            let mismatch = await Self.failure { _ = try await client.applyDelta(cluster: Fixture.west, DeltaBody(baseGeneration: 5, generation: 8)) }
            guard case .api(let mismatched) = mismatch else {
                Issue.record("expected an API error, got \(String(describing: mismatch))")
                return
            }
            #expect(mismatched.code == "generation_mismatch")
            #expect(mismatched.currentGeneration == 7)
        }
    }

    @Test func invalidBodyIs422NamingTheField() async throws {
        try await Fixture.withAdmin { client, _, _ in
            let bad = SnapshotBody(
                generation: 1,
                exports: [
                    ExportBody(
                        namespace: "default", name: "catalog", type: "clusterSetIP", ips: ["10.96.0.10"],
                        endpoints: [EndpointBody(addresses: ["10.1.0.1"]), EndpointBody(addresses: ["not-an-ip"])])
                ])
            let error = await Self.failure { _ = try await client.putSnapshot(cluster: Fixture.west, bad) }
            #expect(error?.description == "422 invalid: exports[0].endpoints[1].addresses[0]: must be an IPv4 or IPv6 address")
            let clusters = try await client.clusters().clusters
            #expect(clusters == [])
        }
    }

    @Test func closedPortIsATransportError() async throws {
        let port = try FreePort.find()
        let client = try GNSClient(server: "http://127.0.0.1:\(port)", timeout: .seconds(5))
        let started = ContinuousClock.now
        let error = await Self.failure { try await client.healthz() }
        await client.shutdown()
        #expect(ContinuousClock.now - started < .seconds(2), "a refused connection fails at once")
        #expect(error == .transport(server: "http://127.0.0.1:\(port)", reason: "connection refused"))
        #expect(error?.description == "cannot reach http://127.0.0.1:\(port): connection refused")
    }

    @Test func silentServerTimesOut() async throws {
        let listener = try SilentListener()
        let client = try GNSClient(server: "http://127.0.0.1:\(listener.port)", timeout: .milliseconds(300))
        let started = ContinuousClock.now
        let error = await Self.failure { _ = try await client.services() }
        await client.shutdown()
        #expect(error == .transport(server: "http://127.0.0.1:\(listener.port)", reason: "no answer within 0.3 s"))
        #expect(ContinuousClock.now - started < .seconds(5))
    }

    @Test(arguments: ["ftp://127.0.0.1:8053", "127.0.0.1:8053", "http://", "http://127.0.0.1:8053?x=1"])
    func badServerAddressIsRefused(_ server: String) {
        #expect(throws: GNSClientError.invalidServer(server)) { try GNSClient(server: server) }
    }
}
