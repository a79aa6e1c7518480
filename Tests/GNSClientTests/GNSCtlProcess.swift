import Foundation
import TestKit
import TestSupport
import Testing

/// Runs the `gnsctl` binary built next to the test bundle (`swift build --build-tests` builds
/// both), with `GNSCTL_SERVER` and `GNSCTL_TOKEN` taken from the test alone.
enum GNSCtlProcess {
    static let executable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        .appendingPathComponent("gnsctl").path

    /// Runs `gnsctl arguments` with `environment` added to a copy without the gnsctl variables.
    static func run(_ arguments: [String], environment: [String: String] = [:]) async throws -> ExternalCommand.Output {
        try #require(FileManager.default.isExecutableFile(atPath: executable), "build gnsctl first: swift build --build-tests")
        let settings = environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        let command = ["-u", "GNSCTL_SERVER", "-u", "GNSCTL_TOKEN"] + settings + [executable] + arguments
        return try await ExternalCommand.run("env", command)
    }

    /// Runs `gnsctl arguments --server <the API of server>`, with `token` when given.
    static func run(_ arguments: [String], server: RunningServer, token: String? = PushFixture.adminToken) async throws -> ExternalCommand.Output {
        try await run(arguments + ["--server", "http://127.0.0.1:\(server.apiPort)"] + (token.map { ["--token", $0] } ?? []))
    }
}
