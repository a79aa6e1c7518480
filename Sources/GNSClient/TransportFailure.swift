import AsyncHTTPClient
import GNSModel
import NIOCore
import NIOPosix
import NIOSSL

#if canImport(Glibc)
import Glibc
#endif

/// Why a request never got an answer, in a few words for ``GNSClientError/transport(server:reason:)``.
enum TransportFailure {
    /// `connection refused`, `no answer within 5 s`, ...: the cause of `error` as one line.
    static func reason(_ error: any Error, timeout: Duration) -> String {
        switch error {
        case let error as HTTPClientError:
            switch error {
            case .connectTimeout: "connection not accepted within \(seconds(timeout))"
            case .deadlineExceeded, .readTimeout, .writeTimeout: "no answer within \(seconds(timeout))"
            case .remoteConnectionClosed: "the server closed the connection"
            default: "\(error)"
            }
        case let error as IOError:
            message(errno: error.errnoCode)
        case let error as NIOConnectionError:
            error.connectionErrors.first.map { reason($0.error, timeout: timeout) } ?? "\(error)"
        case is CancellationError:
            "cancelled"
        case let error as NIOSSLExtraError where error == .failedToValidateHostname:
            "TLS: gnsd's certificate does not name the server's host (\(error))"
        case is NIOSSLError, is BoringSSLError:
            tlsReason("\(error)")
        default:
            "\(error)"
        }
    }

    /// Whether `error` is gnsd's certificate failing verification: not from a trusted CA, or expired.
    static func isUntrustedServerCertificate(_ error: any Error) -> Bool {
        (error is NIOSSLError || error is BoringSSLError) && "\(error)".contains("CERTIFICATE_VERIFY_FAILED")
    }

    /// What a TLS failure whose BoringSSL text is `text` means for a gnsd client.
    private static func tlsReason(_ text: String) -> String {
        let reasons: [(marker: String, reason: String)] = [
            ("CERTIFICATE_VERIFY_FAILED", "gnsd's certificate is not trusted: not issued by the CA given, or expired"),
            ("ALERT_UNKNOWN_CA", "gnsd refused the client certificate: not issued by gnsd's client CA"),
            ("ALERT_CERTIFICATE_EXPIRED", "gnsd refused the client certificate: it has expired"),
            ("CERTIFICATE_REQUIRED", "gnsd requires a client certificate and its key"),
            ("ALERT_HANDSHAKE_FAILURE", "gnsd requires a client certificate and its key, or shares no TLS version or cipher"),
            ("ALERT_BAD_CERTIFICATE", "gnsd refused the client certificate"),
            ("ALERT_CERTIFICATE_UNKNOWN", "gnsd refused the client certificate"),
            ("WRONG_VERSION_NUMBER", "the server does not speak TLS on this port (an http:// server?)"),
        ]
        let reason = reasons.first { text.contains($0.marker) }?.reason ?? "handshake failed (\(text))"
        return "TLS: \(reason)"
    }

    /// The C library's message for `errno`, lower-cased: `connection refused`.
    private static func message(errno code: Int32) -> String {
        guard let text = strerror(code) else { return "errno \(code)" }
        return String(cString: text).lowercased()
    }

    private static func seconds(_ duration: Duration) -> String {
        let value = duration.inSeconds
        return value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
    }
}
