/// A request to the API server that did not give what was asked for.
enum KubernetesAPIError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The server answered with an error status (or ended a watch with an `ERROR` event carrying one).
    case status(code: Int, message: String)
    /// The response could not be read as the API defines it.
    case malformed(String)
    /// The bearer token file could not be read.
    case token(String)

    /// True for 410 Gone: the resource version asked for is too old and only a new list helps.
    var isGone: Bool {
        if case .status(410, _) = self { return true }
        return false
    }

    var description: String {
        switch self {
        case .status(let code, let message): message.isEmpty ? "the API server answered \(code)" : "the API server answered \(code): \(message)"
        case .malformed(let reason): "unreadable response: \(reason)"
        case .token(let reason): reason
        }
    }
}
