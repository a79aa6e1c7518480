/// A refusal by the push API: the HTTP status and the body's `error` object.
public struct APIFailure: Hashable, Sendable, CustomStringConvertible {
    /// The HTTP status, such as 409.
    public var status: Int
    /// The stable reason, such as `stale_generation` or `unknown_cluster`.
    public var code: String
    public var message: String
    /// The request value at fault, such as `exports[0].endpoints[1].addresses[0]`.
    public var field: String?
    /// The cluster's current generation, with `stale_generation` and `generation_mismatch`.
    public var currentGeneration: UInt64?

    /// A failure with every member given.
    public init(status: Int, code: String, message: String, field: String? = nil, currentGeneration: UInt64? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.field = field
        self.currentGeneration = currentGeneration
    }

    /// `422 invalid: exports[0].ips[0]: must be an IPv4 or IPv6 address`: the status, the code,
    /// for a 422 the field at fault, and the message.
    public var description: String {
        let location = status == 422 ? field.map { "\($0): " } ?? "" : ""
        return "\(status) \(code): \(location)\(message)"
    }
}
