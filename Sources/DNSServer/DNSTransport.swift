/// Which transport a query arrived on; the responder uses it for size limits and padding.
///
/// A UDP response must fit the client's advertised payload size (or 512 bytes without EDNS)
/// and set TC when it does not; a TCP response may use up to 65535 bytes.
public enum DNSTransport: Sendable {
    /// A datagram on a UDP listener.
    case udp
    /// A length-framed message on a TCP connection (RFC 7766).
    case tcp
    /// A length-framed message on a DNS-over-TLS connection (RFC 7858): sized as over TCP, and
    /// padded when the query asks (RFC 8467), since the bytes cannot be read on the way.
    case tls
}
