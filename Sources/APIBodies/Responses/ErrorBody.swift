/// The body of every push API error (the OpenAPI `Error` schema): `{"error": {...}}`.
public struct ErrorBody: Codable, Hashable, Sendable {
    /// What went wrong: a stable `code`, a message for people, the request field at fault and,
    /// for a generation mismatch, the generation gnsd holds.
    public struct Detail: Codable, Hashable, Sendable {
        public var code: String
        public var message: String
        public var field: String?
        public var currentGeneration: UInt64?
    }

    public var error: Detail

    /// The error `code` with `message`, naming `field` and `currentGeneration` when given.
    public init(code: String, message: String, field: String? = nil, currentGeneration: UInt64? = nil) {
        error = Detail(code: code, message: message, field: field, currentGeneration: currentGeneration)
    }
}
