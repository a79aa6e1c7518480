/// Why a ``GNSClient`` call failed; its description is one line.
public enum GNSClientError: Error, Hashable, Sendable, CustomStringConvertible {
    /// gnsd refused the request with a JSON error body, such as
    /// `409 stale_generation: generation must be greater than the current generation 7`.
    case api(APIFailure)
    /// gnsd could not be reached or did not answer in time: connection refused, timeout, reset.
    case transport(server: String, reason: String)
    /// The answer was not what the push API sends: a status or body it does not have.
    case unexpectedResponse(status: Int, reason: String)
    /// The server address is not an `http://` or `https://` URL with a host.
    case invalidServer(String)
    /// A token would cross the network in clear text: an `http://` server beyond loopback,
    /// and sending tokens there was not allowed explicitly.
    case plaintextToken(server: String)
    /// The TLS files cannot be used: unreadable, not PEM, a certificate without its key, or
    /// given for an `http://` server.
    case invalidTLS(String)

    public var description: String {
        switch self {
        case .api(let failure): failure.description
        case .transport(let server, let reason): "cannot reach \(server): \(reason)"
        case .unexpectedResponse(let status, let reason): "unexpected response \(status): \(reason)"
        case .invalidServer(let text): "invalid server URL \(text): must be http:// or https:// with a host"
        case .plaintextToken(let server):
            "refusing to send the token to \(server) in clear text: use https://, or allow plain HTTP explicitly when a TLS proxy on the way encrypts it"
        case .invalidTLS(let reason): "TLS: \(reason)"
        }
    }
}
