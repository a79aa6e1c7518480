import AsyncHTTPClient
import NIOCore
import NIOPosix

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
        default:
            "\(error)"
        }
    }

    /// The C library's message for `errno`, lower-cased: `connection refused`.
    private static func message(errno code: Int32) -> String {
        guard let text = strerror(code) else { return "errno \(code)" }
        return String(cString: text).lowercased()
    }

    private static func seconds(_ duration: Duration) -> String {
        let value = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        return value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
    }
}
