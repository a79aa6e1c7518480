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

    /// Runs `executable` (looked up in PATH) with `arguments`. After `timeout` it throws
    /// ``Failure`` and ends the program: SIGTERM, then SIGKILL two seconds later. When the task is
    /// cancelled it kills the program at once and throws `CancellationError`. It runs in
    /// `directory` when given, else in the current one.
    public static func run(
        _ executable: String, _ arguments: [String], in directory: String? = nil, timeout: Duration = .seconds(20)
    ) async throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [executable] + arguments
        process.currentDirectoryURL = directory.map { URL(fileURLWithPath: $0) }
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        let (ends, end) = AsyncStream.makeStream(of: End.self, bufferingPolicy: .bufferingOldest(1))
        process.terminationHandler = { end.yield(.exited($0.terminationStatus)) }
        try process.run()
        let pid = process.processIdentifier
        let outData = readAll(stdout.fileHandleForReading)
        let errData = readAll(stderr.fileHandleForReading)
        let expiry = Task {
            guard (try? await Task.sleep(for: timeout)) != nil else { return }
            end.yield(.expired)
            kill(pid, SIGTERM)
            try? await Task.sleep(for: .seconds(2))
            kill(pid, SIGKILL)
        }
        switch await ends.first(where: { _ in true }) {
        case .exited(let status):
            expiry.cancel()
            return Output(
                status: status,
                standardOutput: String(decoding: try await outData.value, as: UTF8.self),
                standardError: String(decoding: try await errData.value, as: UTF8.self))
        case .expired:
            throw Failure(description: "\(executable) \(arguments.joined(separator: " ")) did not finish within \(timeout)")
        case nil:
            expiry.cancel()
            kill(pid, SIGKILL)
            throw CancellationError()
        }
    }

    /// How a run ended: the program exited with a status, or its time ran out first. Foundation
    /// may learn of an exit only once every process holding the descriptors it gave the program
    /// has closed them, so a child of a killed program can delay it long past the time limit.
    private enum End {
        case exited(Int32)
        case expired
    }

    /// Everything `handle` gives until the end of the stream, read on a thread of its own so a
    /// chatty program never blocks on a full pipe. Not awaited after a timeout: a child of the
    /// program may hold the pipe open long after the program itself was killed.
    private static func readAll(_ handle: FileHandle) -> Task<Data, any Error> {
        Task { try await onOwnThread { handle.readDataToEndOfFile() } }
    }
}
