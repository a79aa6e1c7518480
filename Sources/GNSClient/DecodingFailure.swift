/// Decoding errors as one line for people: `exports[0].ports[1].port: expected Int`.
package enum DecodingFailure {
    /// Where in the document `error` happened, and what was wrong there.
    package static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)".split(whereSeparator: \.isNewline).joined(separator: " ") }
        let (path, what): ([any CodingKey], String) =
            switch error {
            case .typeMismatch(let type, let context): (context.codingPath, "expected \(type)")
            case .valueNotFound(let type, let context): (context.codingPath, "expected \(type), found null")
            case .keyNotFound(let key, let context): (context.codingPath + [key], "is missing")
            case .dataCorrupted(let context): (context.codingPath, reason(context))
            @unknown default: ([], "\(error)")
            }
        let location = path.reduce("") { text, key in
            key.intValue.map { "\(text)[\($0)]" } ?? (text.isEmpty ? key.stringValue : "\(text).\(key.stringValue)")
        }
        return location.isEmpty ? what : "\(location): \(what)"
    }

    /// The debug description, or the underlying error's when it says more.
    private static func reason(_ context: DecodingError.Context) -> String {
        let underlying = context.underlyingError.map { "\($0)".split(whereSeparator: \.isNewline).joined(separator: " ") }
        return [context.debugDescription, underlying].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": ")
    }
}
