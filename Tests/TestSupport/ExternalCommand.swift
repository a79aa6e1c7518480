public import Foundation

/// Runs a program to completion with a time limit and returns what it printed.
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
    }

    /// Runs `executable` (looked up in PATH) with `arguments`, killing it after `timeout` seconds.
    public static func run(_ executable: String, _ arguments: [String], timeout: TimeInterval = 20) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [executable] + arguments
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        try process.run()
        let outData = ReadAll(stdout.fileHandleForReading)
        let errData = ReadAll(stderr.fileHandleForReading)
        guard finished.wait(timeout: .now() + timeout) == .success else {
            process.terminate()
            throw Failure(description: "\(executable) \(arguments.joined(separator: " ")) did not finish within \(timeout) s")
        }
        return Output(
            status: process.terminationStatus,
            standardOutput: String(decoding: outData.wait(), as: UTF8.self),
            standardError: String(decoding: errData.wait(), as: UTF8.self))
    }
}

/// Drains a pipe on a background thread so a chatty program never blocks on a full pipe.
private final class ReadAll: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }
    }

    func wait() -> Data {
        done.wait()
        return data
    }
}
