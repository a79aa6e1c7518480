import NIOSSL
import X509

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The certificates and key of ``TLSFiles`` as read at one moment, checked to make a working
/// server context.
struct TLSMaterial {
    let files: TLSFiles
    let chain: [NIOSSLCertificate]
    let key: NIOSSLPrivateKey
    let clientCAs: [NIOSSLCertificate]

    /// Reads every file; an unreadable file, one without PEM certificates or key, is an error naming it.
    init(files: TLSFiles) throws(TLSFileError) {
        self.files = files
        chain = try Self.certificates(in: files.certificate)
        do {
            key = try NIOSSLPrivateKey(file: files.key, format: .pem)
        } catch {
            throw TLSFileError(file: files.key, reason: Self.unreadable(files.key) ?? "holds no PEM private key")
        }
        clientCAs = try files.clientCA.map { (path) throws(TLSFileError) in try Self.certificates(in: path) } ?? []
    }

    /// A server context of this material: TLS 1.2 or 1.3 (preferred), offering `applicationProtocols`
    /// (ALPN), and with a client CA, verifying client certificates as `clientAuthentication` says.
    func serverContext(clientAuthentication: ClientAuthentication, applicationProtocols: [String]) throws(TLSFileError) -> NIOSSLContext {
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
        configuration.minimumTLSVersion = .tlsv12
        configuration.applicationProtocols = applicationProtocols
        if !clientCAs.isEmpty {
            configuration.trustRoots = .certificates(clientCAs)
            configuration.certificateVerification = clientAuthentication == .required ? .noHostnameVerification : .optionalVerification
        }
        do {
            return try NIOSSLContext(configuration: configuration)
        } catch {
            throw TLSFileError(file: files.key, reason: "does not belong to the certificate in \(files.certificate) (\(error))")
        }
    }

    /// The certificates served and trusted, with their expiry.
    var validity: [CertificateValidity] {
        chain.prefix(1).map { Self.validity(of: $0, role: "server") } + clientCAs.map { Self.validity(of: $0, role: "client-ca") }
    }

    private static func validity(of certificate: NIOSSLCertificate, role: String) -> CertificateValidity {
        let subject = (try? Certificate(derEncoded: certificate.toDERBytes()).subject.description) ?? ""
        return CertificateValidity(role: role, subject: subject, notValidAfter: Int64(certificate.notValidAfter))
    }

    /// The PEM certificates in `path`, at least one.
    private static func certificates(in path: String) throws(TLSFileError) -> [NIOSSLCertificate] {
        let certificates: [NIOSSLCertificate]
        do {
            certificates = try NIOSSLCertificate.fromPEMFile(path)
        } catch {
            throw TLSFileError(file: path, reason: unreadable(path) ?? "holds no PEM certificate")
        }
        guard !certificates.isEmpty else { throw TLSFileError(file: path, reason: "holds no PEM certificate") }
        return certificates
    }

    /// Why `path` cannot be read (`cannot read: no such file or directory`), or `nil` when it can.
    private static func unreadable(_ path: String) -> String? {
        guard access(path, R_OK) != 0 else { return nil }
        return "cannot read: \(String(cString: strerror(errno)).lowercased())"
    }
}
