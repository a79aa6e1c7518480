import EndpointTable
import Hummingbird
import HummingbirdTesting
import PushAPI
import Testing

@Suite("Bearer tokens: who may read, write and delete")
struct AuthTests {
    static let settings = APISettings(
        clusterTokens: [
            ClusterID("aws-west")!: APISettings.tokenHash("aws-token"),
            ClusterID("gcp-east")!: APISettings.tokenHash("gcp-token"),
        ],
        adminTokenHash: APISettings.tokenHash("admin-token")
    )

    @Test func missingTokenIs401WithAChallenge() async throws {
        let harness = try APITestHarness(settings: Self.settings)
        try await harness.run { client in
            let response = try await client.send(.put, "/v1/clusters/aws-west/snapshot", json: Fixtures.snapshot())
            #expect(response.status == .unauthorized)
            #expect(response.headers[.wwwAuthenticate] == #"Bearer realm="gnsd""#)
            #expect(response.text == #"{"error":{"code":"unauthorized","message":"an Authorization: Bearer token is required"}}\#n"#)
        }
        #expect(harness.table.snapshot.version == 0)
    }

    @Test(arguments: ["wrong-token", "aws-tokenx", "AWS-TOKEN"])
    func unknownTokenIs401(token: String) async throws {
        let harness = try APITestHarness(settings: Self.settings)
        try await harness.run { client in
            let response = try await client.send(.get, "/v1/clusters", token: token)
            #expect(response.status == .unauthorized)
            #expect(response.headers[.wwwAuthenticate] == #"Bearer realm="gnsd", error="invalid_token""#)
            #expect(response.text == #"{"error":{"code":"unauthorized","message":"the bearer token is not valid"}}\#n"#)
        }
    }

    @Test func otherSchemesAre401() async throws {
        let harness = try APITestHarness(settings: Self.settings)
        try await harness.run { client in
            let response = try await client.execute(uri: "/v1/clusters", method: .get, headers: [.authorization: "Basic YXdzLXRva2Vu"])
            #expect(response.status == .unauthorized)
        }
    }

    @Test func clusterTokenWritesItsOwnCluster() async throws {
        let harness = try APITestHarness(settings: Self.settings)
        try await harness.run { client in
            let push = try await client.send(.put, "/v1/clusters/aws-west/snapshot", json: Fixtures.snapshot(), token: "aws-token")
            #expect(push.status == .ok)
            let heartbeat = try await client.execute(
                uri: "/v1/clusters/aws-west/heartbeat", method: .post, headers: [.authorization: "bearer aws-token"])
            #expect(heartbeat.status == .ok)
        }
    }

    @Test(
        arguments: [
            (HTTPRequest.Method.put, "/v1/clusters/aws-west/snapshot", Fixtures.snapshot(generation: 2)),
            (.patch, "/v1/clusters/aws-west/exports", Fixtures.delta(#""remove": [{"namespace": "shop", "name": "carts"}]"#)),
            (.post, "/v1/clusters/aws-west/heartbeat", nil),
        ] as [(HTTPRequest.Method, String, String?)])
    func clusterTokenCannotWriteAnotherCluster(method: HTTPRequest.Method, uri: String, body: String?) async throws {
        let harness = try APITestHarness(settings: Self.settings)
        try await harness.run { client in
            _ = try await client.send(.put, "/v1/clusters/aws-west/snapshot", json: Fixtures.snapshot(), token: "aws-token")
            let response = try await client.send(method, uri, json: body, token: "gcp-token")
            #expect(response.status == .forbidden)
            #expect(response.text == #"{"error":{"code":"forbidden","message":"cluster gcp-east may not write cluster aws-west"}}\#n"#)
        }
        #expect(harness.table.snapshot.version == 1)
    }

    @Test func clusterTokenReadsEverything() async throws {
        let harness = try APITestHarness(settings: Self.settings)
        try await harness.run { client in
            _ = try await client.send(.put, "/v1/clusters/aws-west/snapshot", json: Fixtures.snapshot(), token: "aws-token")
            var statuses: [HTTPResponse.Status] = []
            for uri in ["/v1/clusters", "/v1/services", "/v1/clusters/aws-west/exports"] {
                statuses.append(try await client.send(.get, uri, token: "gcp-token").status)
            }
            #expect(statuses == [.ok, .ok, .ok])
        }
    }

    @Test func onlyTheAdminDeletes() async throws {
        let harness = try APITestHarness(settings: Self.settings)
        try await harness.run { client in
            _ = try await client.send(.put, "/v1/clusters/aws-west/snapshot", json: Fixtures.snapshot(), token: "aws-token")
            let own = try await client.send(.delete, "/v1/clusters/aws-west", token: "aws-token")
            #expect(own.status == .forbidden)
            #expect(own.text == #"{"error":{"code":"forbidden","message":"only an admin deletes clusters"}}\#n"#)
            #expect(harness.table.snapshot.clusters.count == 1)
            let admin = try await client.send(.delete, "/v1/clusters/aws-west", token: "admin-token")
            #expect(admin.status == .noContent)
        }
        #expect(harness.table.snapshot.clusters.isEmpty)
    }

    @Test func adminWritesAnyCluster() async throws {
        let harness = try APITestHarness(settings: Self.settings)
        try await harness.run { client in
            let response = try await client.send(.put, "/v1/clusters/aws-west/snapshot", json: Fixtures.snapshot(), token: "admin-token")
            #expect(response.status == .ok)
        }
    }

    @Test func operationsRoutesNeedNoToken() async throws {
        let harness = try APITestHarness(settings: Self.settings)
        try await harness.run { client in
            var statuses: [HTTPResponse.Status] = []
            for uri in ["/healthz", "/readyz", "/metrics"] {
                statuses.append(try await client.send(.get, uri).status)
            }
            #expect(statuses == [.ok, .ok, .ok])
        }
    }

    @Test func openModeAllowsEverythingWithoutAToken() async throws {
        #expect(APISettings().openMode)
        #expect(!Self.settings.openMode)
        let harness = try APITestHarness()
        try await harness.run { client in
            let statuses = [
                try await client.send(.put, "/v1/clusters/aws-west/snapshot", json: Fixtures.snapshot()).status,
                try await client.send(.post, "/v1/clusters/aws-west/heartbeat").status,
                try await client.send(.get, "/v1/clusters").status,
                try await client.send(.delete, "/v1/clusters/aws-west", token: "anything").status,
            ]
            #expect(statuses == [.ok, .ok, .ok, .noContent])
        }
    }
}
