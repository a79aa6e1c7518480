public import NIOCore
public import ServerTLS

/// DNS-over-TLS listeners (RFC 7858): TCP addresses (port 853 by convention) whose connections
/// speak TLS with the certificate `context` holds when each opens, then DNS over TCP under the
/// same limits as the plain listeners. Failed handshakes are reported to `handshakeFailed`.
public struct DNSOverTLS: Sendable {
    /// The addresses to listen on; IPv6 ones are IPv6-only.
    public var listen: [SocketAddress]
    /// The certificate and key, re-read when they change (ALPN `dot`).
    public var context: ReloadingTLSContext
    /// Called for each handshake that fails, with why.
    public var handshakeFailed: @Sendable (TLSHandshakeFailure) -> Void

    /// DNS over TLS on `listen` with `context`.
    public init(listen: [SocketAddress], context: ReloadingTLSContext, handshakeFailed: @escaping @Sendable (TLSHandshakeFailure) -> Void) {
        self.listen = listen
        self.context = context
        self.handshakeFailed = handshakeFailed
    }
}
