import Foundation
import TestKit
import TestSupport
import Testing

/// Hostile pushes against the real gnsd binary: each is refused with the documented status and
/// the field at fault, and leaves the table as it was.
@Suite(.serialized)
struct PushAbuseTests {
    /// A configuration with a services quota of 3 and nothing else changed.
    static let configuration = "quotas:\n  services-per-cluster: 3\n"

    /// A snapshot at `generation` of `count` headless services `svc-0`, `svc-1`, … in `default`.
    static func snapshot(generation: UInt64 = 1, services count: Int, cluster: String = "{}") -> String {
        let exports = (0..<count).map { #"{"namespace": "default", "name": "svc-\#($0)", "type": "headless"}"# }
        return #"{"generation": \#(generation), "cluster": \#(cluster), "exports": [\#(exports.joined(separator: ","))]}"#
    }

    /// Runs `body` against a fresh gnsd with ``configuration``, stopping it afterwards.
    static func withServer(_ body: (ServeProcess, APIClient, TemporaryDirectory) async throws -> Void) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let server = try await ServeProcess.start(configuration: configuration, in: directory)
        try await server.whileRunning {
            try await body(server, APIClient(port: server.apiPort), directory)
            #expect(server.isRunning, "gnsd stopped: \(server.output)")
        }
    }

    /// The names of the services `GET /v1/services` lists.
    static func serviceNames(_ client: APIClient) async throws -> [String] {
        let services = try await client.send("GET", "/v1/services").json["services"] as? [[String: Any]] ?? []
        return services.compactMap { $0["name"] as? String }
    }

    /// The `error.field` of an error response.
    static func field(_ response: APIClient.Response) -> String? {
        (response.json["error"] as? [String: Any])?["field"] as? String
    }

    @Test func moreServicesThanTheQuotaAre422AndChangeNothing() async throws {
        try await Self.withServer { _, client, _ in
            #expect(try await client.send("PUT", "/v1/clusters/aws-west/snapshot", json: Self.snapshot(services: 3)).status == 200)
            let snapshot = try await client.send("PUT", "/v1/clusters/aws-west/snapshot", json: Self.snapshot(generation: 2, services: 4))
            #expect(snapshot.status == 422)
            #expect(snapshot.errorCode == "quota_exceeded")
            #expect(Self.field(snapshot) == "exports[3]")
            let delta = try await client.send(
                "PATCH", "/v1/clusters/aws-west/exports",
                json: #"{"baseGeneration": 1, "generation": 2, "upsert": [{"namespace": "default", "name": "extra", "type": "headless"}]}"#)
            #expect(delta.status == 422)
            #expect(delta.errorCode == "quota_exceeded")
            #expect(Self.field(delta) == "upsert[0]")
            #expect(try await Self.serviceNames(client) == ["svc-0", "svc-1", "svc-2"])
            #expect(try await client.send("GET", "/v1/clusters/aws-west/exports").json["generation"] as? Int == 1)
        }
    }

    @Test func aMegabyteRegionIs422() async throws {
        try await Self.withServer { _, client, directory in
            let region = String(repeating: "r", count: 1 << 20)
            try directory.write("region.json", Self.snapshot(services: 1, cluster: #"{"region": "\#(region)"}"#))
            // curl reads a body given as @file from that file; a megabyte cannot go on its command line.
            let response = try await client.send("PUT", "/v1/clusters/aws-west/snapshot", json: "@\(directory.path)/region.json")
            #expect(response.status == 422)
            #expect(response.errorCode == "quota_exceeded")
            #expect(Self.field(response) == "cluster.region")
            #expect(try await Self.serviceNames(client) == [])
        }
    }

    @Test func aHundredThousandLabelsAre422() async throws {
        try await Self.withServer { _, client, directory in
            let labels = (0..<100_000).map { #""label-\#($0)": "x""# }.joined(separator: ",")
            try directory.write("labels.json", Self.snapshot(services: 1, cluster: "{\"labels\": {\(labels)}}"))
            let response = try await client.send("PUT", "/v1/clusters/aws-west/snapshot", json: "@\(directory.path)/labels.json")
            #expect(response.status == 422)
            #expect(response.errorCode == "quota_exceeded")
            #expect(Self.field(response) == "cluster.labels")
            #expect(try await Self.serviceNames(client) == [])
        }
    }

    @Test func theHighestUnsignedGenerationIs422() async throws {
        try await Self.withServer { _, client, _ in
            let response = try await client.send(
                "PUT", "/v1/clusters/aws-west/snapshot", json: #"{"generation": 18446744073709551615, "exports": []}"#)
            #expect(response.status == 422)
            #expect(response.errorCode == "invalid")
            #expect(Self.field(response) == "generation")
            #expect(try await client.send("PUT", "/v1/clusters/aws-west/snapshot", json: Self.snapshot(services: 1)).status == 200)
        }
    }

    @Test func aMisspelledReadyIs422NamingIt() async throws {
        try await Self.withServer { _, client, _ in
            let body = #"""
                {"generation": 1, "exports": [{"namespace": "default", "name": "db", "type": "headless",
                 "endpoints": [{"addresses": ["10.1.0.31"]}, {"addresses": ["10.1.0.32"], "redy": false}]}]}
                """#
            let response = try await client.send("PUT", "/v1/clusters/aws-west/snapshot", json: body)
            #expect(response.status == 422)
            #expect(response.errorCode == "invalid")
            #expect(Self.field(response) == "exports[0].endpoints[1].redy")
            #expect(try await Self.serviceNames(client) == [])
        }
    }

    @Test func aFormBodyIs415() async throws {
        try await Self.withServer { server, _, _ in
            let output = try await ExternalCommand.run(
                "curl",
                [
                    "--silent", "--show-error", "--max-time", "10", "-X", "PUT", "-w", "%{http_code}",
                    "-d", Self.snapshot(services: 1), "http://127.0.0.1:\(server.apiPort)/v1/clusters/aws-west/snapshot",
                ])
            #expect(
                output.standardOutput == """
                    {"error":{"code":"unsupported_media_type","message":"the body must be sent as Content-Type: application/json"}}
                    415
                    """)
            #expect(try await Self.serviceNames(APIClient(port: server.apiPort)) == [])
        }
    }
}
