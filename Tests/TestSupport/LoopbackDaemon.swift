import Foundation
import TestKit

/// A DNS daemon from Debian that a test runs beside gnsd on a loopback port (a forwarder or a
/// secondary) exited, was missing, or did not answer in time; the description ends with its log.
public struct DaemonStartFailure: Error, CustomStringConvertible {
    public var description: String
}

/// What the daemons tests run beside gnsd share: finding the program and waiting until it answers.
public enum LoopbackDaemon {
    /// `program`'s path: from PATH, or from the sbin folders a non-root PATH may lack.
    public static func executable(_ program: String) throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let folders = path.split(separator: ":").map(String.init) + ["/usr/local/sbin", "/usr/sbin", "/sbin"]
        guard let found = folders.map({ "\($0)/\(program)" }).first(where: FileManager.default.isExecutableFile(atPath:)) else {
            throw DaemonStartFailure(description: "\(program) is not installed: run scripts/install-deps")
        }
        return found
    }

    /// Polls `program` on 127.0.0.1:`port` with a `version.bind CH TXT` query, which every such
    /// daemon answers itself (or refuses, an answer too), until it answers; calls `stop` and
    /// throws when `process` exits or `timeout` passes first.
    static func waitUntilAnswering(
        _ program: String, process: SpawnedProcess, port: Int, timeout: Duration, log: @Sendable () -> String,
        stop: @Sendable () async -> Void
    ) async throws {
        let answered = try await eventually(within: timeout, every: .milliseconds(100)) {
            if let status = process.exitStatus {
                let failure = "\(program) exited with status \(status) before answering:\n\(log())"
                await stop()
                throw DaemonStartFailure(description: failure)
            }
            guard let socket = try? RawSocket(port: port, tcp: false, timeout: 0.2) else { return false }
            try? socket.send(versionQuery)
            return try await socket.receive() != nil
        }
        if answered { return }
        let failure = "\(program) did not answer on 127.0.0.1:\(port) within \(timeout):\n\(log())"
        await stop()
        throw DaemonStartFailure(description: failure)
    }

    /// `version.bind. CH TXT`, id 0x6e73.
    private static let versionQuery: [UInt8] =
        [0x6E, 0x73, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00]
        + [7] + Array("version".utf8) + [4] + Array("bind".utf8) + [0]
        + [0x00, 0x10, 0x00, 0x03]
}
