public import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A loopback TCP or UDP socket for abusing a server the way an attacker would: sending without
/// reading, trickling bytes, flooding. Sends never block longer than the send timeout. It only
/// wraps a descriptor, so handing it between threads is safe.
public final class HostileSocket: @unchecked Sendable {
    private let descriptor: Int32

    /// Connects to 127.0.0.1:`port`; `receiveBuffer` shrinks `SO_RCVBUF` first, so a client that
    /// never reads stops taking responses soon.
    public init(port: Int, tcp: Bool, receiveBuffer: Int32? = nil, sendTimeout: TimeInterval = 0.2) throws {
        descriptor = socket(AF_INET, Int32(tcp ? SOCK_STREAM.rawValue : SOCK_DGRAM.rawValue), 0)
        guard descriptor >= 0 else { throw RawSocketError(operation: "socket") }
        if var size = receiveBuffer {
            setsockopt(descriptor, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
        }
        guard withLoopbackAddress(port: port, { connect(descriptor, $0, $1) }) == 0 else {
            let error = RawSocketError(operation: "connect")
            close(descriptor)
            throw error
        }
        // After connect: on Linux the send timeout bounds connect(2) too, which waits longer
        // while the server's accept queue is full.
        var interval = timeval(tv_sec: Int(sendTimeout), tv_usec: Int((sendTimeout - Double(Int(sendTimeout))) * 1_000_000))
        setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &interval, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit {
        close(descriptor)
    }

    /// Sends what fits before the send timeout; returns the bytes sent (0 when none fit).
    @discardableResult
    public func send(_ bytes: [UInt8]) -> Int {
        let sent = bytes.withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        return max(sent, 0)
    }

    /// Reads and discards datagrams until `count` have come or `timeout` has passed; returns how many came.
    public func drain(expecting count: Int, within timeout: TimeInterval) -> Int {
        let deadline = Date().addingTimeInterval(timeout)
        var buffer = [UInt8](repeating: 0, count: 65535)
        var received = 0
        while received < count, Date() < deadline {
            var descriptors = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&descriptors, 1, 50) > 0 else { continue }
            while received < count, buffer.withUnsafeMutableBytes({ recv(descriptor, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }) > 0 {
                received += 1
            }
        }
        return received
    }

    /// True while the peer has not closed the connection (checked without blocking or consuming data).
    public var isOpen: Bool {
        var byte: UInt8 = 0
        let count = recv(descriptor, &byte, 1, Int32(MSG_PEEK | MSG_DONTWAIT))
        return count > 0 || (count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
    }

    /// Raises this process's soft open-files limit to at least `count` (within the hard limit).
    public static func allowOpenFiles(_ count: Int) {
        var limit = rlimit()
        getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        guard limit.rlim_cur < rlim_t(count) else { return }
        limit.rlim_cur = min(rlim_t(count), limit.rlim_max)
        setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
    }
}
