import Foundation
import TestKit

/// unbound, BIND's named or dnsmasq running as a child process on a free loopback port, in
/// front of a gnsd, with its configuration and log in a temporary folder.
///
///     try await Forwarder.with(.bind, snippet: text, upstreamPort: server.port) { forwarder in
///         let lookup = try await DNSLookup.query(.dig, port: forwarder.port, "catalog.acme.local", "A")
///     }
public struct Forwarder: Sendable {
    /// The forwarder exited, or did not answer in time; the description ends with its log.
    public struct StartFailure: Error, CustomStringConvertible {
        public var description: String
    }

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
        let program = try executable(kind.program)
        let directory = try TemporaryDirectory()
        let port = try FreePort.find()
        let pointed = snippet.replacingOccurrences(of: ForwarderKind.documentedAddress, with: kind.upstream(port: upstreamPort))
        for file in kind.files(snippet: pointed, port: port, directory: directory.path) {
            try directory.write(file.name, file.contents)
        }
        let process = try SpawnedProcess(kind.command(executable: program, directory: directory.path), log: logPath(in: directory))
        let forwarder = Forwarder(kind: kind, port: port, process: process, directory: directory)
        try await forwarder.waitUntilAnswering(timeout: timeout)
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

    /// Polls with a `version.bind CH TXT` query, which every forwarder answers itself, until it
    /// answers; stops the process and throws when it exits or `timeout` passes first.
    private func waitUntilAnswering(timeout: Duration) async throws {
        let answered = try await eventually(within: timeout, every: .milliseconds(100)) {
            if let status = process.exitStatus {
                let failure = "\(kind.program) exited with status \(status) before answering:\n\(log)"
                directory.remove()
                throw StartFailure(description: failure)
            }
            guard let socket = try? RawSocket(port: port, tcp: false, timeout: 0.2) else { return false }
            try? socket.send(Self.versionQuery)
            return try await socket.receive() != nil
        }
        if answered { return }
        let failure = "\(kind.program) did not answer on 127.0.0.1:\(port) within \(timeout):\n\(log)"
        await stop()
        throw StartFailure(description: failure)
    }

    /// `version.bind. CH TXT`, id 0x6e73.
    private static let versionQuery: [UInt8] =
        [0x6E, 0x73, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00]
        + [7] + Array("version".utf8) + [4] + Array("bind".utf8) + [0]
        + [0x00, 0x10, 0x00, 0x03]

    private static func logPath(in directory: TemporaryDirectory) -> String {
        "\(directory.path)/forwarder.log"
    }

    /// `program`'s path: from PATH, or from the sbin folders a non-root PATH may lack.
    private static func executable(_ program: String) throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let folders = path.split(separator: ":").map(String.init) + ["/usr/local/sbin", "/usr/sbin", "/sbin"]
        guard let found = folders.map({ "\($0)/\(program)" }).first(where: FileManager.default.isExecutableFile(atPath:)) else {
            throw StartFailure(description: "\(program) is not installed: run scripts/install-deps")
        }
        return found
    }
}
