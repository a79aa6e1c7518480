import APIBodies
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import PushAPI

@Suite("Version, status and the OpenAPI document, as operators and tools read them")
struct StatusTests {
    @Test func versionAndDocumentNeedNoToken() async throws {
        let harness = try APITestHarness(settings: AuthTests.settings)
        try await harness.run { client in
            let version = try await client.send(.get, "/version")
            #expect(version.status == .ok)
            #expect(version.text == #"{"version":"0.1.0"}"# + "\n")
            let document = try await client.execute(uri: "/openapi.yaml", method: .get)
            #expect(document.status == .ok)
            #expect(document.headers[.contentType] == "application/yaml; charset=utf-8")
            #expect(document.text == (try String(contentsOf: OpenAPIDocument.file, encoding: .utf8)))
            #expect(try await client.send(.get, "/v1/status").status == .unauthorized)
        }
    }

    @Test func statusCountsClustersByLeaseServicesEndpointsAndPushes() async throws {
        let harness = try APITestHarness(settings: AuthTests.settings)
        let text = try await harness.run { client in
            _ = try await client.send(.put, "/v1/clusters/aws-west/snapshot", json: Fixtures.snapshot(), token: "aws-token")
            _ = try await client.send(.put, "/v1/clusters/gcp-east/snapshot", json: #"{"generation": 1, "exports": []}"#, token: "gcp-token")
            harness.clock.advance(by: .seconds(10))
            _ = try await client.send(.post, "/v1/clusters/aws-west/heartbeat", token: "aws-token")
            harness.clock.advance(by: .seconds(10))
            harness.table.advance()
            _ = try await client.send(.put, "/v1/clusters/aws-west/snapshot", json: #"{"generation": 1}"#, token: "aws-token")
            let response = try await client.send(.get, "/v1/status", token: "gcp-token")
            #expect(response.status == .ok)
            return response.text
        }
        let body = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(body["version"] as? String == "0.1.0")
        #expect((body["uptimeSeconds"] as? Double).map { $0 >= 0 && $0 < 60 } == true)
        #expect(body["lastZoneReload"] == nil, "no reload since start")
        let status = try JSONDecoder().decode(ServerStatus.self, from: Data(text.utf8))
        #expect(status.zones == [ServerStatus.ZoneStatus(name: "clusterset.local.", serial: 2_026_010_100, records: 1, dynamic: true)])
        #expect(body["clusters"] as? [String: Int] == ["live": 1, "stale": 1, "expired": 0])
        #expect(body["services"] as? Int == 2)
        #expect(body["endpoints"] as? Int == 3)
        let pushes = try #require(body["pushes"] as? [String: Any])
        #expect(pushes["total"] as? Int == 3, "two snapshots and a heartbeat accepted; the refused snapshot does not count")
        #expect((pushes["perSecond"] as? Double).map { $0 > 0 } == true)
        #expect((body["queries"] as? [String: Any])?["total"] as? Int == 0)
    }
}
