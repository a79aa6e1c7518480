/// The media type every push body must declare: `application/json`, with parameters allowed
/// (`; charset=utf-8`) as long as a charset, if given, is UTF-8 (RFC 8259 §8.1).
///
/// A request without `Content-Type` is refused as well: RFC 9110 §8.3 lets a recipient take it
/// for `application/octet-stream`, and every gnsd client declares JSON.
enum JSONMediaType {
    /// Whether a `Content-Type` header value declares JSON.
    static func accepts(_ contentType: String?) -> Bool {
        guard let contentType else { return false }
        var parts = contentType.split(separator: ";", omittingEmptySubsequences: false).makeIterator()
        guard let essence = parts.next(), essence.trimmingWhitespace().lowercased() == "application/json" else { return false }
        while let parameter = parts.next() {
            let pair = parameter.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard pair.count == 2, pair[0].trimmingWhitespace().lowercased() == "charset" else { continue }
            var charset = pair[1].trimmingWhitespace()
            if charset.count >= 2, charset.first == "\"", charset.last == "\"" {
                charset = charset.dropFirst().dropLast()
            }
            guard charset.lowercased() == "utf-8" else { return false }
        }
        return true
    }
}

extension Substring {
    /// The text without leading and trailing spaces and tabs.
    fileprivate func trimmingWhitespace() -> Substring {
        let isWhitespace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let start = firstIndex(where: { !isWhitespace($0) }), let end = lastIndex(where: { !isWhitespace($0) }) else { return "" }
        return self[start...end]
    }
}
