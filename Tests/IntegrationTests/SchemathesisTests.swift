import Foundation
import PushAPI
import TestKit
import TestSupport
import Testing

/// The real gnsd binary, with cluster and admin tokens, against its OpenAPI document: schemathesis
/// (installed into `.venv-test` by `scripts/test`) sends examples, boundary and fuzzed requests
/// and stateful sequences, and any server error, undocumented status, content type or header, or
/// response that breaks its schema, or an invalid request that is accepted, fails the test.
/// Hypothesis's health checks are off: they judge how fast test data is generated, which a busy
/// machine slows, not what gnsd answers.
@Suite(.serialized)
struct SchemathesisTests {
    /// The schemathesis that `scripts/test` installs.
    static let schemathesis = Repository.path(".venv-test/bin/schemathesis")
    static let adminToken = "schemathesis-admin"
    static let clusterToken = "schemathesis-aws-west"
    /// The checks run on every response.
    static let checks = [
        "not_a_server_error", "status_code_conformance", "content_type_conformance", "response_headers_conformance",
        "response_schema_conformance", "negative_data_rejection",
    ]

    /// The SHA-256 of `token` in hexadecimal, as the configuration holds it.
    static func hash(_ token: String) -> String {
        APISettings.tokenHash(token).map { String(format: "%02x", $0) }.joined()
    }

    @Test(
        .enabled(if: FileManager.default.isExecutableFile(atPath: schemathesis), "no schemathesis in .venv-test: scripts/test installs it"),
        .timeLimit(.minutes(2)))
    func theServerAnswersAsItsDocumentSays() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let configuration = """
            api:
              admin-token-sha256: \(Self.hash(Self.adminToken))
            clusters:
              - {id: aws-west, token-sha256: \(Self.hash(Self.clusterToken))}
            """
        let server = try await ServeProcess.start(configuration: configuration, in: directory)
        try await server.whileRunning {
            let output = try await ExternalCommand.run(
                "env",
                [
                    "--chdir=\(directory.path)", Self.schemathesis, "run", Repository.path("Sources/PushAPI/openapi.yaml"),
                    "--url", "http://127.0.0.1:\(server.apiPort)", "--header", "Authorization: Bearer \(Self.adminToken)",
                    "--checks", Self.checks.joined(separator: ","), "--max-examples", "20", "--max-time", "45", "--workers", "1",
                    "--request-timeout", "10", "--generation-database", "none", "--suppress-health-check", "all", "--no-color",
                ],
                timeout: .seconds(100))
            #expect(output.status == 0, "schemathesis found problems:\n\(output.standardOutput)\(output.standardError)")
            #expect(output.standardOutput.contains(" passed"), "\(output.standardOutput)")
            #expect(server.isRunning, "gnsd stopped: \(server.output)")
        }
    }
}
