import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("The server stays true to its OpenAPI document")
struct OpenAPITests {
    /// Every documented operation, in an order in which their examples build on each other.
    static let walk = [
        "GET /healthz",
        "GET /readyz",
        "GET /version",
        "GET /openapi.yaml",
        "PUT /v1/clusters/{cluster}/snapshot",
        "PATCH /v1/clusters/{cluster}/exports",
        "POST /v1/clusters/{cluster}/heartbeat",
        "POST /v1/clusters/{cluster}/release",
        "GET /v1/audit",
        "GET /v1/clusters",
        "GET /v1/clusters/{cluster}/exports",
        "GET /v1/services",
        "GET /v1/explain",
        "GET /v1/status",
        "GET /ui",
        "GET /ui/explain",
        "GET /metrics",
        "DELETE /v1/clusters/{cluster}",
    ]

    @Test func documentedOperationsAreTheRegisteredRoutes() throws {
        let document = try OpenAPIDocument()
        let documented = Set(try document.operations.map(\.key))
        let registered = Set(try APITestHarness().api.buildRouter().routes.map { "\($0.method.rawValue) \($0.path)" })
        #expect(documented == registered)
        #expect(Set(Self.walk) == documented)
    }

    @Test func examplesAreAcceptedAndAnsweredAsDocumented() async throws {
        let document = try OpenAPIDocument()
        let operations = Dictionary(uniqueKeysWithValues: try document.operations.map { ($0.key, $0) })
        let calls = try Self.walk.map { key in try document.exampleCall(of: try #require(operations[key])) }
        let harness = try APITestHarness()
        try await harness.run { client in
            for call in calls {
                let response = try await client.execute(
                    uri: call.uri,
                    method: try #require(HTTPRequest.Method(call.method)),
                    headers: call.body == nil ? [:] : [.contentType: "application/json"],
                    body: try call.body.map { ByteBuffer(bytes: try JSONEncoder().encode($0)) }
                )
                #expect(Int(response.status.code) == call.response.status, "\(call.key): \(response.text)")
                switch call.response.body {
                case .json(let example):
                    #expect(try JSONValue(json: response.text) == example, "\(call.key): \(response.text)")
                case .text(let example):
                    #expect(response.text == example, "\(call.key)")
                case .unspecified:
                    break
                }
            }
        }
    }

    /// The request schemas, whose unknown members the server refuses.
    static let requestSchemas = ["Snapshot", "Delta", "ClusterInfo", "Export", "Port", "Endpoint", "ServiceRef", "ReadinessChange", "Visibility"]

    @Test func requestSchemasAreClosedAndBodiesDocument415() throws {
        let document = try OpenAPIDocument()
        for name in Self.requestSchemas {
            let schema = try #require(try document.resolve(["$ref": "#/components/schemas/\(name)"]) as? [String: Any])
            #expect(schema["additionalProperties"] as? Bool == false, "\(name)")
        }
        let withBodies = try document.operations.filter { $0.node["requestBody"] != nil }
        #expect(Set(withBodies.map(\.key)) == ["PUT /v1/clusters/{cluster}/snapshot", "PATCH /v1/clusters/{cluster}/exports"])
        for operation in withBodies {
            let responses = try #require(operation.node["responses"] as? [String: Any])
            #expect(responses["415"] != nil, "\(operation.key)")
            #expect(responses["422"] != nil, "\(operation.key)")
        }
        let generation = try #require(try document.resolve(["$ref": "#/components/schemas/Generation"]) as? [String: Any])
        #expect(generation["minimum"] as? Int == 1)
        #expect(generation["maximum"] as? Int == 1 << 53)
    }

    @Test func errorExamplesUseDocumentedCodes() throws {
        let document = try OpenAPIDocument()
        let schema = try #require(try document.resolve(["$ref": "#/components/schemas/Error"]) as? [String: Any])
        let detail = try #require((schema["properties"] as? [String: Any])?["error"] as? [String: Any])
        let code = try #require((detail["properties"] as? [String: Any])?["code"] as? [String: Any])
        let codes = Set(try #require(code["enum"] as? [String]))
        let responses = try #require((document.root["components"] as? [String: Any])?["responses"] as? [String: Any])
        for (name, response) in responses {
            let content = (response as? [String: Any])?["content"] as? [String: Any]
            let example = (content?["application/json"] as? [String: Any])?["example"] as? [String: Any]
            if let used = (example?["error"] as? [String: Any])?["code"] as? String {
                #expect(codes.contains(used), "\(name) uses \(used)")
            }
        }
    }
}
