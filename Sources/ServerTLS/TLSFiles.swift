/// The PEM files a TLS listener serves with: its certificate chain and key, and the CA whose
/// certificates clients must present for mutual TLS.
public struct TLSFiles: Sendable, Hashable {
    /// The server's certificate, followed by any intermediates, in PEM.
    public var certificate: String
    /// The private key of the certificate, in PEM.
    public var key: String
    /// The CA certificates (PEM) that sign client certificates; `nil` for no mutual TLS.
    public var clientCA: String?

    /// The files of a listener, with mutual TLS when `clientCA` is given.
    public init(certificate: String, key: String, clientCA: String? = nil) {
        self.certificate = certificate
        self.key = key
        self.clientCA = clientCA
    }

    /// Every file, in the order they are read.
    var paths: [String] {
        [certificate, key] + (clientCA.map { [$0] } ?? [])
    }
}
