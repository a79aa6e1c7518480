/// What a decoder refused in a body, in the words gnsd answers with: the field at fault and
/// why, or no field when the body as a whole is not a JSON object. gnsd answers it as 400 or
/// 422; gnsctl prints it for a snapshot file.
///
///     DecodingProblem(error).description   // "exports[0].ports[0].port: must be an integer"
public struct DecodingProblem: Error, Hashable, Sendable, CustomStringConvertible {
    /// The field at fault; `nil` when the body is not JSON or not an object.
    public var field: FieldPath?
    /// Why the field or body was refused.
    public var reason: String

    /// The problem `error` describes.
    public init(_ error: DecodingError) {
        switch error {
        case .keyNotFound(let key, let context):
            (field, reason) = (FieldPath(codingPath: context.codingPath + [key]), "is required")
        case .valueNotFound(_, let context) where !context.codingPath.isEmpty:
            (field, reason) = (FieldPath(codingPath: context.codingPath), "must not be null")
        case .typeMismatch(let type, let context) where !context.codingPath.isEmpty:
            (field, reason) = (FieldPath(codingPath: context.codingPath), "must be \(Self.jsonKind(of: type))")
        case .dataCorrupted(let context) where !context.codingPath.isEmpty:
            (field, reason) = (FieldPath(codingPath: context.codingPath), context.debugDescription)
        case .dataCorrupted(let context):
            (field, reason) = (nil, "the body is not valid JSON: \(context.debugDescription)")
        default:
            (field, reason) = (nil, "the body must be a JSON object")
        }
    }

    /// `field: reason`, or the reason alone when no field is at fault.
    public var description: String {
        field.map { "\($0): \(reason)" } ?? reason
    }

    /// `error` in one line: its problem for a `DecodingError`, its own words for any other
    /// (a YAML syntax error, say).
    public static func describe(_ error: any Error) -> String {
        if let error = error as? DecodingError {
            return DecodingProblem(error).description
        }
        return "\(error)".split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    /// How a message names the JSON form of `type`.
    private static func jsonKind(of type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "true or false"
        case is any BinaryInteger.Type: "an integer"
        case is any FloatingPoint.Type: "a number"
        case is [Any].Type: "an array"
        default: "an object"
        }
    }
}
