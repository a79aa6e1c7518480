/// The body of every error response: `{"error": {...}}`.
struct ErrorResponse: Encodable {
    /// What went wrong.
    struct Detail: Encodable {
        var code: String
        var message: String
        var field: String?
        var currentGeneration: UInt64?
    }

    var error: Detail
}
