/// One certificate a listener serves or trusts, with when it stops being valid: what
/// `gnsd_tls_certificate_expiry_timestamp_seconds` shows.
public struct CertificateValidity: Sendable, Hashable {
    /// `server` for the listener's own certificate chain, `client-ca` for a trusted CA.
    public var role: String
    /// The certificate's subject, such as `CN=gnsd.acme.example`.
    public var subject: String
    /// When the certificate expires, in seconds since 1970.
    public var notValidAfter: Int64
}
