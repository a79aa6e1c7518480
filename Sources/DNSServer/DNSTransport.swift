/// Which transport a query arrived on; the responder uses it for size limits.
///
/// A UDP response must fit the client's advertised payload size (or 512 bytes without EDNS)
/// and set TC when it does not; a TCP response may use up to 65535 bytes.
public enum DNSTransport: Sendable {
    /// A datagram on a UDP listener.
    case udp
    /// A length-framed message on a TCP connection (RFC 7766).
    case tcp
}
