internal import Foundation
internal import NIOSSL

/// PEM material for TLS to the API server, each piece with the name of where it came from for error messages.
struct TLSSettings {
    /// PEM bytes and what they are, such as `cluster "prod": certificate-authority-data`.
    struct PEM {
        var bytes: [UInt8]
        var label: String
    }

    /// CA certificates to trust instead of the system's.
    var trustRoots: PEM?
    var clientCertificate: PEM?
    var clientKey: PEM?
    var skipsVerification = false
    /// The configuration the material comes from, the start of every error message.
    var place: String

    init(trustRoots: PEM?, clientCertificate: PEM? = nil, clientKey: PEM? = nil, skipsVerification: Bool = false, place: String) {
        self.trustRoots = trustRoots
        self.clientCertificate = clientCertificate
        self.clientKey = clientKey
        self.skipsVerification = skipsVerification
        self.place = place
    }

    /// The client TLS configuration, or an error naming the piece that is not valid PEM.
    func configuration() throws(KubernetesConfigurationError) -> TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        if let trustRoots {
            configuration.trustRoots = .certificates(try certificates(trustRoots))
        }
        switch (clientCertificate, clientKey) {
        case (nil, nil):
            break
        case (let certificate?, let key?):
            configuration.certificateChain = try certificates(certificate).map { .certificate($0) }
            do {
                configuration.privateKey = .privateKey(try NIOSSLPrivateKey(bytes: key.bytes, format: .pem))
            } catch {
                throw KubernetesConfigurationError("\(place): \(key.label) is not a PEM private key")
            }
        case (let certificate?, nil):
            throw KubernetesConfigurationError("\(place): \(certificate.label) is set but no client key")
        case (nil, let key?):
            throw KubernetesConfigurationError("\(place): \(key.label) is set but no client certificate")
        }
        if skipsVerification {
            configuration.certificateVerification = .none
        }
        return configuration
    }

    private func certificates(_ pem: PEM) throws(KubernetesConfigurationError) -> [NIOSSLCertificate] {
        let certificates = try? NIOSSLCertificate.fromPEMBytes(pem.bytes)
        guard let certificates, !certificates.isEmpty else {
            throw KubernetesConfigurationError("\(place): \(pem.label) is not a PEM certificate")
        }
        return certificates
    }

    /// The bytes of the file at `path`, labelled `label`.
    static func file(_ path: String, label: String, place: String) throws(KubernetesConfigurationError) -> PEM {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw KubernetesConfigurationError("\(place): cannot read \(label) \(path)")
        }
        return PEM(bytes: Array(data), label: "\(label) \(path)")
    }
}
