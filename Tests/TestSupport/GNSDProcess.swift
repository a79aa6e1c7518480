import Foundation
import TestKit

#if canImport(Glibc)
import Glibc
#endif

/// A `gnsd serve` process (``GNSDBinary``) started as a service manager would: default signal
/// handling, no blocked signal, its log in a file; optionally under an open-files limit.
///
///     let gnsd = try GNSDProcess(["--config", path, "--api-listen", "127.0.0.1:\(port)"], log: "\(directory.path)/gnsd.log")
///     try await gnsd.whileRunning { ... }
public final class GNSDProcess: @unchecked Sendable {
    private let process: SpawnedProcess
    /// The file gnsd logs to.
    public let log: String
    /// The process id of gnsd.
    public let pid: Int32

    /// Starts `gnsd serve` with `arguments`, under a soft and hard limit of `openFiles` when given.
    public init(_ arguments: [String], log: String, openFiles: Int? = nil) throws {
        guard FileManager.default.isExecutableFile(atPath: GNSDBinary.path) else {
            throw ExternalCommand.Failure(description: "no gnsd at \(GNSDBinary.path): build it first with swift build --build-tests")
        }
        let command = [GNSDBinary.path, "serve"] + arguments
        let limited = openFiles.map { ["/bin/sh", "-c", "ulimit -n \($0) && exec \"$0\" \"$@\""] + command } ?? command
        self.log = log
        process = try SpawnedProcess(limited, log: log)
        pid = process.pid
    }

    /// What gnsd logged so far.
    public var output: String { (try? String(contentsOfFile: log, encoding: .utf8)) ?? "" }

    /// The exit status once gnsd has ended (128 + the signal when a signal ended it); `nil` while it runs.
    public var exitStatus: Int32? { process.exitStatus }

    /// Sends `signal` to gnsd.
    public func send(_ signal: Int32) {
        kill(pid, signal)
    }

    /// Sends SIGTERM, waits up to `grace`, then kills; returns the exit status.
    @discardableResult
    public func stop(grace: Duration = .seconds(5)) async -> Int32 {
        await process.terminate(grace: grace)
    }

    /// Runs `body`, then stops gnsd (``stop(grace:)``), also when `body` throws.
    public func whileRunning<Result>(_ body: () async throws -> Result) async throws -> Result {
        try await withCleanup(body) { await stop() }
    }

    /// Waits up to `seconds` for gnsd to log a line containing `text`; false when it did not or ended first.
    public func waitForLog(_ text: String, seconds: Double = 20) async throws -> Bool {
        let found = try await eventuallyValue(within: .milliseconds(Int64(seconds * 1000)), every: .milliseconds(2)) { () -> Bool? in
            if output.contains(text) { return true }
            return exitStatus == nil ? nil : output.contains(text)
        }
        return found ?? false
    }
}
