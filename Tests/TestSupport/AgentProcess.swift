import Foundation
public import TestKit

/// A running `gnsd agent` process (``GNSDBinary``), its standard error kept in a file for failure messages.
///
///     let agent = try AgentProcess(cluster: "aws-west", token: token, source: ["--file", path], servers: [server], directory: directory)
///     let status = try await agent.whileRunning { try await check(server) }
public final class AgentProcess {
    private let process = Process()
    private let log: String

    /// Starts `gnsd agent` for `cluster` with the `source` options (`--file PATH`, `--kubernetes --kubeconfig PATH`, ...),
    /// a `--server` for each of `servers`, one-second heartbeats and `token` in `GNSD_AGENT_TOKEN`; the log is
    /// `agent.log` in `directory`.
    public convenience init(cluster: String, token: String, source: [String], servers: [RunningServer], directory: TemporaryDirectory) throws {
        try self.init(
            cluster: cluster, arguments: source + servers.flatMap { ["--server", "http://127.0.0.1:\($0.apiPort)"] },
            environment: ["GNSD_AGENT_TOKEN": token], directory: directory)
    }

    /// Starts `gnsd agent` for `cluster` with `arguments` (source, servers, TLS files) and
    /// `environment`, one-second heartbeats; the log is `agent.log` in `directory`.
    public init(cluster: String, arguments: [String], environment: [String: String], directory: TemporaryDirectory) throws {
        guard FileManager.default.isExecutableFile(atPath: GNSDBinary.path) else {
            throw ExternalCommand.Failure(description: "no gnsd at \(GNSDBinary.path): build it first with swift build --build-tests")
        }
        log = "\(directory.path)/agent.log"
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        process.executableURL = URL(fileURLWithPath: GNSDBinary.path)
        process.arguments = ["agent", "--cluster", cluster] + arguments + ["--heartbeat", "1", "--log-level", "notice"]
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle(forWritingAtPath: log)
        try process.run()
    }

    /// What the agent logged so far.
    public var output: String { (try? String(contentsOfFile: log, encoding: .utf8)) ?? "" }

    /// Sends SIGTERM and waits up to 5 s for the exit status; `nil` when the agent had to be killed.
    public func stop() async throws -> Int32? {
        if process.isRunning { process.terminate() }
        if try await !eventually(within: .seconds(5), every: .milliseconds(100), { !process.isRunning }) {
            kill(process.processIdentifier, SIGKILL)
            return nil
        }
        return process.terminationStatus
    }

    /// Runs `body`, then stops the agent (also when `body` throws) and returns its exit status.
    public func whileRunning(_ body: () async throws -> Void) async throws -> Int32? {
        do {
            try await body()
        } catch {
            _ = try? await stop()
            throw error
        }
        return try await stop()
    }
}
