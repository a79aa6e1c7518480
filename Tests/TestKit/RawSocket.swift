public import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A loopback UDP or TCP socket for sending hand-made bytes to a server and reading what comes
/// back. Reads wait on a thread of their own (``onOwnThread(_:)``), never on one of Swift's
/// shared pool. It only wraps a descriptor, so handing it between threads is safe.
public final class RawSocket: @unchecked Sendable {
    private let descriptor: Int32

    /// Connects to 127.0.0.1:`port` over UDP (`tcp` false) or TCP, with a receive timeout.
    public init(port: Int, tcp: Bool, timeout: TimeInterval = 1) throws {
        descriptor = socket(AF_INET, Int32(tcp ? SOCK_STREAM.rawValue : SOCK_DGRAM.rawValue), 0)
        guard descriptor >= 0 else { throw RawSocketError(operation: "socket") }
        var interval = timeval(tv_sec: Int(timeout), tv_usec: Int((timeout - Double(Int(timeout))) * 1_000_000))
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &interval, socklen_t(MemoryLayout<timeval>.size))
        guard withLoopbackAddress(port: port, { connect(descriptor, $0, $1) }) == 0 else {
            close(descriptor)
            throw RawSocketError(operation: "connect")
        }
    }

    deinit {
        close(descriptor)
    }

    public func send(_ bytes: [UInt8]) throws {
        let sent = bytes.withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, 0) }
        guard sent == bytes.count else { throw RawSocketError(operation: "send") }
    }

    /// The next datagram or chunk of stream bytes; `nil` on timeout or when the peer closed.
    public func receive(maximum: Int = 65535) async throws -> [UInt8]? {
        let descriptor = descriptor
        return try await onOwnThread {
            var buffer = [UInt8](repeating: 0, count: maximum)
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, maximum, 0) }
            return count > 0 ? Array(buffer[0..<count]) : nil
        }
    }

    /// Reads exactly `count` stream bytes; `nil` on timeout or close.
    public func receive(exactly count: Int) async throws -> [UInt8]? {
        var result: [UInt8] = []
        while result.count < count {
            guard let chunk = try await receive(maximum: count - result.count) else { return nil }
            result += chunk
        }
        return result
    }

    /// Sends one DNS message with the TCP two-byte length prefix.
    public func sendFramed(_ message: [UInt8]) throws {
        try send([UInt8(message.count >> 8), UInt8(message.count & 0xFF)] + message)
    }

    /// Reads one length-prefixed DNS message from TCP.
    public func receiveFramed() async throws -> [UInt8]? {
        guard let prefix = try await receive(exactly: 2) else { return nil }
        return try await receive(exactly: Int(prefix[0]) << 8 | Int(prefix[1]))
    }
}

/// A socket call failed.
public struct RawSocketError: Error, CustomStringConvertible {
    public var operation: String
    public var description: String { "\(operation) failed: errno \(errno)" }
}
