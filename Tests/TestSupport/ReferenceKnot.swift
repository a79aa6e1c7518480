import Foundation
internal import TestKit

/// Knot DNS from Debian serving zone files on a free loopback port, as the reference gnsd's
/// answers are compared with. Its configuration, database and log live in a temporary folder.
public struct ReferenceKnot: Sendable {
    /// The UDP and TCP port it answers on, on 127.0.0.1.
    public let port: Int
    private let process: SpawnedProcess
    private let directory: TemporaryDirectory

    /// What Knot printed so far.
    public var log: String {
        (try? String(contentsOfFile: "\(directory.path)/knot.log", encoding: .utf8)) ?? ""
    }

    /// Starts knotd serving `zones` (origin → zone file path); returns once it answers.
    public static func start(zones: [(origin: String, file: String)], timeout: Duration = .seconds(10)) async throws -> ReferenceKnot {
        let program = try LoopbackDaemon.executable("knotd")
        let directory = try TemporaryDirectory()
        let port = try FreePort.find()
        let zoneList = zones.map { "  - domain: \($0.origin)\n    file: \"\($0.file)\"" }.joined(separator: "\n")
        try directory.write(
            "knot.conf",
            """
            server:
                listen: 127.0.0.1@\(port)
                rundir: "\(directory.path)"
                pidfile: "\(directory.path)/knot.pid"
                udp-workers: 1
                tcp-workers: 1
                background-workers: 1
            control:
                listen: "\(directory.path)/knot.sock"
            database:
                storage: "\(directory.path)"
            log:
              - target: stderr
                any: warning
            template:
              - id: default
                storage: "\(directory.path)"
                semantic-checks: off
                zonefile-sync: -1
                journal-content: none
            zone:
            \(zoneList)

            """)
        let process = try SpawnedProcess([program, "-c", "\(directory.path)/knot.conf"], log: "\(directory.path)/knot.log")
        let knot = ReferenceKnot(port: port, process: process, directory: directory)
        try await LoopbackDaemon.waitUntilAnswering(
            "knotd", process: process, port: port, timeout: timeout, log: { knot.log }, stop: { await knot.stop() })
        return knot
    }

    /// Stops knotd (SIGTERM, SIGKILL after 5 s) and removes its folder.
    public func stop() async {
        await process.terminate()
        directory.remove()
    }
}
