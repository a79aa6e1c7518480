import Foundation

/// Runs a program to completion with a time limit and returns what it printed, without holding a
/// thread of Swift's shared pool while it runs: the end comes through the process's termination
/// handler and its output is read on threads of their own, so tests running beside it (and the
/// servers they start in-process) keep their threads.
///
///     let output = try await ExternalCommand.run("dig", ["@127.0.0.1", "-p", "\(port)", "acme.local", "SOA"])
public enum ExternalCommand {
    /// The result of one run.
    public struct Output: Sendable {
        public var status: Int32
        public var standardOutput: String
        public var standardError: String
    }

    /// An external program failed to run or did not finish in time.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String

        public init(description: String) {
            self.description = description
        }
    }

    /// Runs `executable` (looked up in PATH) with `arguments`. After `timeout` it sends SIGTERM,
    /// two seconds later SIGKILL, and throws ``Failure``; when the task is cancelled it kills the
    /// program at once and throws `CancellationError`.
    public static func run(_ executable: String, _ arguments: [String], timeout: Duration = .seconds(20)) async throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [executable] + arguments
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        let (ended, end) = AsyncStream.makeStream(of: Int32.self, bufferingPolicy: .bufferingNewest(1))
        process.terminationHandler = { process in
            end.yield(process.terminationStatus)
            end.finish()
        }
        try process.run()
        let pid = process.processIdentifier
        async let outData = readAll(stdout.fileHandleForReading)
        async let errData = readAll(stderr.fileHandleForReading)
        let expiry = Task {
            guard (try? await Task.sleep(for: timeout)) != nil else { return false }
            kill(pid, SIGTERM)
            if (try? await Task.sleep(for: .seconds(2))) != nil {
                kill(pid, SIGKILL)
            }
            return true
        }
        let status = await ended.first { _ in true }
        expiry.cancel()
        guard let status else {
            kill(pid, SIGKILL)
            throw CancellationError()
        }
        let output = Output(
            status: status,
            standardOutput: String(decoding: try await outData, as: UTF8.self),
            standardError: String(decoding: try await errData, as: UTF8.self))
        if await expiry.value {
            throw Failure(description: "\(executable) \(arguments.joined(separator: " ")) did not finish within \(timeout)")
        }
        return output
    }

    /// Everything `handle` gives until the end of the stream, read on a thread of its own so a
    /// chatty program never blocks on a full pipe.
    private static func readAll(_ handle: FileHandle) async throws -> Data {
        try await onOwnThread { handle.readDataToEndOfFile() }
    }
}
