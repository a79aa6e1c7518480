/// The body of every push API error (the OpenAPI `Error` schema): `{"error": {...}}`.
struct ErrorBody: Decodable {
    struct Detail: Decodable {
        var code: String
        var message: String
        var field: String?
        var currentGeneration: UInt64?
    }

    var error: Detail

    /// The failure this body describes for a response with `status`.
    func failure(status: Int) -> APIFailure {
        APIFailure(status: status, code: error.code, message: error.message, field: error.field, currentGeneration: error.currentGeneration)
    }
}
