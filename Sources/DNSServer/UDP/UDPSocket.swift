import Glibc
import NIOCore

/// A UDP socket of the DNS server: a large `SO_RCVBUF`, IPv6-only when bound to an IPv6 address,
/// and, when several worker threads share the port, `SO_REUSEPORT` so that each has its own socket
/// and the kernel spreads datagrams over them.
struct UDPSocket: Sendable {
    let descriptor: Int32

    /// Opens a socket bound to `address` (port 0: an ephemeral port), sharing the port with other
    /// `SO_REUSEPORT` sockets of this user when `sharedPort` is set, else alone on it.
    static func bind(to address: SocketAddress, receiveBufferSize: Int, sharedPort: Bool) throws -> UDPSocket {
        let family = address.protocol.rawValue
        let descriptor = socket(family, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw IOError(errnoCode: errno, reason: "socket") }
        let socket = UDPSocket(descriptor: descriptor)
        do {
            // No SO_REUSEADDR: on Linux two UDP sockets that both set it may bind the same port,
            // and a second gnsd would then take the first one's queries without a word.
            if sharedPort {
                try socket.set(SOL_SOCKET, SO_REUSEPORT, 1)
            }
            try socket.set(SOL_SOCKET, SO_RCVBUF, Int32(clamping: receiveBufferSize))
            if case .v6 = address {
                try socket.set(Int32(IPPROTO_IPV6), IPV6_V6ONLY, 1)
            }
            let result = address.withSockAddr { Glibc.bind(descriptor, $0, socklen_t($1)) }
            guard result == 0 else { throw IOError(errnoCode: errno, reason: "bind(\(address))") }
            return socket
        } catch {
            socket.close()
            throw error
        }
    }

    /// The address the socket is bound to, with the port the kernel picked.
    func localAddress() throws -> SocketAddress {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let result = withUnsafeMutableBytes(of: &storage) { bytes in
            getsockname(descriptor, bytes.baseAddress!.assumingMemoryBound(to: sockaddr.self), &length)
        }
        guard result == 0 else { throw IOError(errnoCode: errno, reason: "getsockname") }
        return try withUnsafeBytes(of: storage) { bytes in
            switch Int32(storage.ss_family) {
            case AF_INET: SocketAddress(bytes.load(as: sockaddr_in.self))
            case AF_INET6: SocketAddress(bytes.load(as: sockaddr_in6.self))
            default: throw IOError(errnoCode: EAFNOSUPPORT, reason: "getsockname")
            }
        }
    }

    /// The receive buffer the kernel granted (Linux reports twice the usable size it set aside).
    func grantedReceiveBufferSize() -> Int {
        var value: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        guard getsockopt(descriptor, SOL_SOCKET, SO_RCVBUF, &value, &length) == 0 else { return 0 }
        return Int(value) / 2
    }

    func close() {
        _ = Glibc.close(descriptor)
    }

    private func set(_ level: Int32, _ option: Int32, _ value: Int32) throws {
        var value = value
        guard setsockopt(descriptor, level, option, &value, socklen_t(MemoryLayout<Int32>.size)) == 0 else {
            throw IOError(errnoCode: errno, reason: "setsockopt(\(option))")
        }
    }
}
