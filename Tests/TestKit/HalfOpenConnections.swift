#if canImport(Glibc)
import Glibc
#endif

/// Many loopback TCP connections that each send the same bytes (such as half a request head)
/// and then hold still, as an attacker would; all closed when this is released.
///
///     let crowd = HalfOpenConnections(count: 1100, port: apiPort, sending: Array("GET / HTTP/1.1\r\nHost: x\r\n".utf8))
///     #expect(crowd.closedByPeer() == crowd.count)
public final class HalfOpenConnections: Sendable {
    private let descriptors: [Int32]

    /// Opens up to `count` connections to 127.0.0.1:`port` and sends `bytes` on each; a
    /// connection that cannot be opened and written in three tries of two seconds is left out
    /// (a listener's full accept queue drops connection requests). Raises this
    /// process's soft open-files limit to its hard one first, to have room for them.
    public init(count: Int, port: Int, sending bytes: [UInt8]) {
        var limit = rlimit()
        if getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit) == 0, limit.rlim_cur < limit.rlim_max {
            limit.rlim_cur = limit.rlim_max
            setrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit)
        }
        var descriptors: [Int32] = []
        for _ in 0..<count {
            for _ in 0..<3 {
                if let descriptor = Self.connect(port: port, sending: bytes) {
                    descriptors.append(descriptor)
                    break
                }
            }
        }
        self.descriptors = descriptors
    }

    /// A connection to 127.0.0.1:`port` that has sent `bytes`; `nil` when that failed within two seconds.
    private static func connect(port: Int, sending bytes: [UInt8]) -> Int32? {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return nil }
        var timeout = timeval(tv_sec: 2, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let connected = withLoopbackAddress(port: port) { Glibc.connect(descriptor, $0, $1) } == 0
        let sent = connected && bytes.withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) } == bytes.count
        guard sent else {
            close(descriptor)
            return nil
        }
        return descriptor
    }

    deinit {
        for descriptor in descriptors {
            close(descriptor)
        }
    }

    /// The connections opened.
    public var count: Int { descriptors.count }

    /// How many of them the peer has closed (end of stream, reset or error): the server sends nothing
    /// else on them, so any readiness is one of those.
    public func closedByPeer() -> Int {
        var polled = descriptors.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        guard poll(&polled, nfds_t(polled.count), 0) >= 0 else { return 0 }
        return polled.filter { $0.revents != 0 }.count
    }
}
