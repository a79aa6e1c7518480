import NIOCore

/// The UDP sockets and TCP listening socket serving one configured address on one port, or the
/// TCP listening socket alone of a DNS-over-TLS address.
struct DNSListener: Sendable {
    /// A listener socket closed without the server being stopped, after a socket error.
    struct UnexpectedClose: Error, CustomStringConvertible {
        var description: String { "a DNS listener socket closed unexpectedly" }
    }

    /// The bound address, with the port both sockets share.
    let address: SocketAddress
    /// `nil` for DNS over TLS.
    let udp: UDPListener?
    let tcp: any Channel

    /// Stops receiving datagrams and accepting connections; accepted connections are left open.
    func stopListening() {
        self.udp?.stopListening()
        self.tcp.close(promise: nil)
    }
}
