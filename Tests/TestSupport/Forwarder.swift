import Foundation
import TestKit

/// unbound, BIND's named or dnsmasq running as a child process on a free loopback port, in
/// front of a gnsd, with its configuration and log in a temporary folder.
///
///     try await Forwarder.with(.bind, snippet: text, upstreamPort: server.port) { forwarder in
///         let lookup = try await DNSLookup.query(.dig, port: forwarder.port, "catalog.acme.local", "A")
///     }
public struct Forwarder: Sendable {
    public typealias StartFailure = DaemonStartFailure

    public let kind: ForwarderKind
    /// The UDP and TCP port it answers on, on 127.0.0.1.
    public let port: Int
    private let process: SpawnedProcess
    private let directory: TemporaryDirectory

    /// What the forwarder printed so far (its log, queries included).
    public var log: String {
        (try? String(contentsOfFile: Self.logPath(in: directory), encoding: .utf8)) ?? ""
    }

    /// Starts `kind` configured by `snippet`, the text of its file in `deploy/forwarders/` with
    /// gnsd at ``ForwarderKind/documentedAddress``, pointed at gnsd on 127.0.0.1:`upstreamPort`.
    /// Returns once it answers a query; throws ``StartFailure`` with its log when it exits first
    /// or stays silent for `timeout`.
    public static func start(
        _ kind: ForwarderKind, snippet: String, upstreamPort: Int, timeout: Duration = .seconds(10)
    ) async throws -> Forwarder {
        let program = try LoopbackDaemon.executable(kind.program)
        let directory = try TemporaryDirectory()
        let port = try FreePort.find()
        let pointed = snippet.replacingOccurrences(of: ForwarderKind.documentedAddress, with: kind.upstream(port: upstreamPort))
        for file in kind.files(snippet: pointed, port: port, directory: directory.path) {
            try directory.write(file.name, file.contents)
        }
        let process = try SpawnedProcess(kind.command(executable: program, directory: directory.path), log: logPath(in: directory))
        let forwarder = Forwarder(kind: kind, port: port, process: process, directory: directory)
        try await LoopbackDaemon.waitUntilAnswering(
            kind.program, process: process, port: port, timeout: timeout, log: { forwarder.log }, stop: { await forwarder.stop() })
        return forwarder
    }

    /// Starts `kind` as ``start(_:snippet:upstreamPort:timeout:)`` does, runs `body` with it and
    /// stops it, also when `body` throws.
    public static func with<Result>(
        _ kind: ForwarderKind, snippet: String, upstreamPort: Int, _ body: (Forwarder) async throws -> Result
    ) async throws -> Result {
        let forwarder = try await start(kind, snippet: snippet, upstreamPort: upstreamPort)
        return try await withCleanup {
            try await body(forwarder)
        } cleanup: {
            await forwarder.stop()
        }
    }

    /// Stops the forwarder (SIGTERM, SIGKILL after 5 s) and removes its folder.
    public func stop() async {
        await process.terminate()
        directory.remove()
    }

    private static func logPath(in directory: TemporaryDirectory) -> String {
        "\(directory.path)/forwarder.log"
    }
}
