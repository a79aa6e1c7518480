import NIOSSL

/// Why a TLS handshake failed, in the words `gnsd_tls_handshake_failures_total` counts by.
public enum TLSHandshakeFailure: String, Sendable, Hashable, CaseIterable {
    /// Mutual TLS is required and the client presented no certificate.
    case noClientCertificate = "no_client_certificate"
    /// The client's certificate is not from the client CA, has expired, or is otherwise invalid.
    case clientCertificateRejected = "client_certificate_rejected"
    /// The client refused gnsd's certificate (it does not trust the CA, or the name differs).
    case serverCertificateRejected = "server_certificate_rejected"
    /// The client spoke something else than TLS, such as plain HTTP.
    case notTLS = "not_tls"
    /// No TLS version, cipher or application protocol (ALPN) in common.
    case nothingInCommon = "nothing_in_common"
    /// The client closed the connection before the handshake ended, as port probes do.
    case closedEarly = "closed_early"
    /// Any other failure.
    case other

    /// The failure `error`, raised while a handshake ran, stands for.
    public init(_ error: any Error) {
        guard let error = error as? NIOSSLError else {
            self = .other
            return
        }
        switch error {
        case .handshakeFailed(let cause):
            self = Self.matching("\(cause)")
        case .uncleanShutdown:
            self = .closedEarly
        default:
            self = .other
        }
    }

    /// The failure BoringSSL's error text names.
    private static func matching(_ text: String) -> Self {
        let markers: [(String, Self)] = [
            ("PEER_DID_NOT_RETURN_A_CERTIFICATE", .noClientCertificate),
            ("CERTIFICATE_VERIFY_FAILED", .clientCertificateRejected),
            ("ALERT_UNKNOWN_CA", .serverCertificateRejected),
            ("ALERT_BAD_CERTIFICATE", .serverCertificateRejected),
            ("ALERT_CERTIFICATE_EXPIRED", .serverCertificateRejected),
            ("ALERT_CERTIFICATE_UNKNOWN", .serverCertificateRejected),
            ("HTTP_REQUEST", .notTLS),
            ("WRONG_VERSION_NUMBER", .notTLS),
            ("UNSUPPORTED_PROTOCOL", .nothingInCommon),
            ("NO_SHARED_CIPHER", .nothingInCommon),
            ("ALERT_PROTOCOL_VERSION", .nothingInCommon),
            ("NO_APPLICATION_PROTOCOL", .nothingInCommon),
        ]
        return markers.first { text.contains($0.0) }?.1 ?? .other
    }
}
