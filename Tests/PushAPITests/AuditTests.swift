import APIBodies
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import PushAPI

@Suite("The audit trail: every write recorded, accepted or refused, read back by admins")
struct AuditTests {
    static let settings = AuthTests.settings

    /// The records `GET /v1/audit` lists with `query`, as JSON objects, read with the admin token.
    static func records(_ client: some TestClientProtocol, _ query: String = "") async throws -> [[String: Any]] {
        let response = try await client.send(.get, "/v1/audit\(query)", token: "admin-token")
        #expect(response.status == .ok, "\(response.text)")
        let body = try #require(try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [String: Any])
        return try #require(body["records"] as? [[String: Any]])
    }

    /// `record` without its time, which the harness fixes, as a string for exact comparison.
    static func line(_ record: [String: Any]) -> String {
        let fields = ["sequence", "action", "cluster", "caller", "result", "status", "error", "previousGeneration", "generation"]
        return fields.compactMap { key in record[key].map { "\(key)=\($0)" } }.joined(separator: " ")
    }

    @Test func acceptedAndRefusedWritesAreRecordedInOrderAndHeartbeatsCounted() async throws {
        let harness = try APITestHarness(settings: Self.settings)
        try await harness.run { client in
            #expect(try await client.send(.put, "/v1/clusters/aws-west/snapshot", json: Fixtures.snapshot(), token: "aws-token").status == .ok)
            for _ in 0..<3 {
                #expect(try await client.send(.post, "/v1/clusters/aws-west/heartbeat", token: "aws-token").status == .ok)
            }
            let delta = Fixtures.delta(#""readiness": [{"namespace": "shop", "name": "catalog", "address": "10.1.2.4", "ready": true}]"#)
            #expect(try await client.send(.patch, "/v1/clusters/aws-west/exports", json: delta, token: "aws-token").status == .ok)
            #expect(try await client.send(.put, "/v1/clusters/aws-west/snapshot", json: Fixtures.snapshot(), token: "stolen").status == .unauthorized)
            #expect(try await client.send(.put, "/v1/clusters/aws-west/snapshot", json: Fixtures.snapshot(), token: "gcp-token").status == .forbidden)
            #expect(try await client.send(.put, "/v1/clusters/aws-west/snapshot", json: Fixtures.snapshot(), token: "aws-token").status == .conflict)
            #expect(
                try await client.send(.put, "/v1/clusters/aws-west/snapshot", json: #"{"generation": 9}"#, token: "aws-token").status
                    == .unprocessableContent)
            #expect(try await client.send(.delete, "/v1/clusters/aws-west", token: "aws-token").status == .forbidden)
            #expect(try await client.send(.delete, "/v1/clusters/aws-west", token: "admin-token").status == .noContent)
            #expect(try await client.send(.get, "/v1/clusters", token: "stolen").status == .unauthorized, "a refused read is no write")

            let records = try await Self.records(client)
            #expect(
                records.map(Self.line) == [
                    "sequence=1 action=snapshot cluster=aws-west caller=cluster aws-west by bearer token result=accepted status=200 generation=1",
                    "sequence=2 action=delta cluster=aws-west caller=cluster aws-west by bearer token result=accepted status=200 previousGeneration=1 generation=2",
                    "sequence=3 action=snapshot cluster=aws-west caller=unknown by bearer token result=refused status=401 error=unauthorized",
                    "sequence=4 action=snapshot cluster=aws-west caller=cluster gcp-east by bearer token result=refused status=403 error=forbidden previousGeneration=2",
                    "sequence=5 action=snapshot cluster=aws-west caller=cluster aws-west by bearer token result=refused status=409 error=stale_generation previousGeneration=2",
                    "sequence=6 action=snapshot cluster=aws-west caller=cluster aws-west by bearer token result=refused status=422 error=invalid previousGeneration=2",
                    "sequence=7 action=delete cluster=aws-west caller=cluster aws-west by bearer token result=refused status=403 error=forbidden previousGeneration=2",
                    "sequence=8 action=delete cluster=aws-west caller=admin by bearer token result=accepted status=204 previousGeneration=2",
                ])
            let summaries = records.compactMap { $0["summary"] as? [String: Any] }
            #expect(summaries.count == 3)
            #expect(summaries[0]["servicesAdded"] as? [String] == ["shop/carts", "shop/catalog"])
            #expect(summaries[0]["endpointsMadeReady"] as? Int == 2)
            #expect(summaries[1]["servicesChanged"] as? [String] == ["shop/catalog"])
            #expect(summaries[1]["endpointsMadeReady"] as? Int == 1)
            #expect(summaries[2]["servicesRemoved"] as? [String] == ["shop/carts", "shop/catalog"])
            #expect(summaries[2]["endpointsMadeUnready"] as? Int == 3)
            #expect(records[4]["message"] as? String == "generation must be greater than the current generation 2")

            let heartbeats = try await client.send(.get, "/v1/audit", token: "admin-token")
            #expect(heartbeats.text.contains(#""heartbeats":[]"#), "a deleted cluster's heartbeat count goes with it")
        }
    }

    @Test func heartbeatsAreCountedPerCluster() async throws {
        let harness = try APITestHarness(settings: Self.settings)
        try await harness.run { client in
            _ = try await client.send(.put, "/v1/clusters/aws-west/snapshot", json: Fixtures.snapshot(), token: "aws-token")
            for _ in 0..<3 {
                _ = try await client.send(.post, "/v1/clusters/aws-west/heartbeat", token: "aws-token")
            }
            let response = try await client.send(.get, "/v1/audit", token: "admin-token")
            #expect(response.text.hasPrefix(#"{"heartbeats":[{"cluster":"aws-west","count":3,"last":"2026-12-07T10:00:00.000Z"}],"records":["#))
            #expect(try await Self.records(client).count == 1, "heartbeats are not recorded one by one")
        }
    }

    @Test func filtersByClusterTimeAndLimit() async throws {
        let harness = try APITestHarness(settings: Self.settings)
        try await harness.run { client in
            _ = try await client.send(.put, "/v1/clusters/aws-west/snapshot", json: Fixtures.snapshot(), token: "aws-token")
            _ = try await client.send(.put, "/v1/clusters/gcp-east/snapshot", json: Fixtures.snapshot(), token: "gcp-token")
            _ = try await client.send(.put, "/v1/clusters/aws-west/snapshot", json: Fixtures.snapshot(generation: 2), token: "aws-token")
            #expect(try await Self.records(client, "?cluster=aws-west").map { $0["sequence"] as? Int } == [1, 3])
            #expect(try await Self.records(client, "?limit=2").map { $0["sequence"] as? Int } == [2, 3], "the newest, oldest first")
            #expect(try await Self.records(client, "?since=2026-12-07T10:00:00Z&until=2026-12-07T10:00:00.000Z").count == 3)
            #expect(try await Self.records(client, "?since=2026-12-07T10:00:01Z").isEmpty)
            #expect(try await Self.records(client, "?until=2026-12-07T09:59:59Z").isEmpty)
        }
    }

    @Test(
        arguments: [
            ("?limit=0", "limit", "must be a whole number from 1 to 10000"),
            ("?since=yesterday", "since", "must be a time such as 2026-12-07T10:00:00Z (RFC 3339)"),
            ("?cluster=AWS", "cluster", nil),
        ] as [(String, String, String?)])
    func badParametersAre422NamingThem(query: String, field: String, message: String?) async throws {
        let harness = try APITestHarness(settings: Self.settings)
        try await harness.run { client in
            let response = try await client.send(.get, "/v1/audit\(query)", token: "admin-token")
            #expect(response.status == .unprocessableContent)
            #expect(response.text.contains(#""field":"\#(field)""#), "\(response.text)")
            if let message {
                #expect(response.text.contains(message), "\(response.text)")
            }
        }
    }

    @Test func aLongRefusalMessageIsCut() {
        let record = AuditRecord(
            refused: .invalid(FieldPath("exports"), String(repeating: "x", count: 5000)), action: .snapshot, cluster: "aws-west",
            caller: "unknown by no credential")
        #expect(record.message?.count == AuditRecord.maxMessageLength + 1)
        #expect(record.message?.hasSuffix("x…") == true)
    }

    @Test func onlyAnAdminReadsTheTrail() async throws {
        let harness = try APITestHarness(settings: Self.settings)
        try await harness.run { client in
            let response = try await client.send(.get, "/v1/audit", token: "aws-token")
            #expect(response.status == .forbidden)
            #expect(response.text == #"{"error":{"code":"forbidden","message":"only an admin reads the audit trail"}}\#n"#)
        }
    }
}
