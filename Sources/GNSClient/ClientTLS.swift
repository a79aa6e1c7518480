import NIOSSL

/// What a ``GNSClient`` uses for an `https://` server: the CA it trusts (the system's roots
/// when `caFile` is `nil`) and, for gnsd's mutual TLS, its own certificate and key (PEM files).
///
///     let tls = ClientTLS(caFile: "ca.crt", certificate: "aws-west.crt", key: "aws-west.key")
///     let client = try GNSClient(server: "https://gnsd.acme.example:8053", tls: tls)
public struct ClientTLS: Sendable, Hashable {
    /// The CA certificates gnsd's certificate must chain to; `nil` for the system's roots.
    public var caFile: String?
    /// The client certificate (and intermediates) presented to gnsd, PEM.
    public var certificate: String?
    /// The client certificate's private key, PEM.
    public var key: String?

    /// TLS with the given files; none given means the system's roots and no client certificate.
    public init(caFile: String? = nil, certificate: String? = nil, key: String? = nil) {
        self.caFile = caFile
        self.certificate = certificate
        self.key = key
    }

    /// Whether no file is given.
    var isEmpty: Bool {
        caFile == nil && certificate == nil && key == nil
    }

    /// TLS 1.2 or 1.3 trusting `caFile` and presenting `certificate`; a file that cannot be
    /// read is an error naming it.
    func configuration() throws(GNSClientError) -> TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.minimumTLSVersion = .tlsv12
        if let caFile {
            configuration.trustRoots = .certificates(try Self.certificates(in: caFile))
        }
        switch (certificate, key) {
        case (let certificate?, let key?):
            configuration.certificateChain = try Self.certificates(in: certificate).map { .certificate($0) }
            do {
                configuration.privateKey = .privateKey(try NIOSSLPrivateKey(file: key, format: .pem))
            } catch {
                throw .invalidTLS("\(key): holds no PEM private key, or cannot be read")
            }
        case (nil, nil):
            break
        default:
            throw .invalidTLS("a client certificate and its key go together: give both or neither")
        }
        return configuration
    }

    private static func certificates(in path: String) throws(GNSClientError) -> [NIOSSLCertificate] {
        guard let certificates = try? NIOSSLCertificate.fromPEMFile(path), !certificates.isEmpty else {
            throw .invalidTLS("\(path): holds no PEM certificate, or cannot be read")
        }
        return certificates
    }
}
