/// Whether a listener with a client CA demands a client certificate.
public enum ClientAuthentication: String, Sendable, Hashable, CaseIterable {
    /// Every client must present a certificate from the client CA; others fail the handshake.
    case required
    /// A certificate, when presented, must come from the client CA; a client without one still
    /// connects (probes that cannot present one), and must then identify itself otherwise.
    case optional
}
