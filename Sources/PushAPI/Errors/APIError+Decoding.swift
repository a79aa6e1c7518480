extension APIError {
    /// The answer to a body the JSON decoder refused: 400 when it is not a JSON object,
    /// 422 naming the field otherwise.
    init(_ error: DecodingError) {
        switch error {
        case .keyNotFound(let key, let context):
            self = .invalid(FieldPath(codingPath: context.codingPath + [key]), "is required")
        case .valueNotFound(_, let context) where !context.codingPath.isEmpty:
            self = .invalid(FieldPath(codingPath: context.codingPath), "must not be null")
        case .typeMismatch(let type, let context) where !context.codingPath.isEmpty:
            self = .invalid(FieldPath(codingPath: context.codingPath), "must be \(Self.jsonKind(of: type))")
        case .dataCorrupted(let context) where !context.codingPath.isEmpty:
            self = .invalid(FieldPath(codingPath: context.codingPath), context.debugDescription)
        case .dataCorrupted(let context):
            self = .malformedJSON("the body is not valid JSON: \(context.debugDescription)")
        default:
            self = .malformedJSON("the body must be a JSON object")
        }
    }

    /// How a message names the JSON form of `type`.
    private static func jsonKind(of type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "true or false"
        case is any BinaryInteger.Type: "an integer"
        case is [Any].Type: "an array"
        default: "an object"
        }
    }
}
