/// Turns the text of one setting into its value, or throws the reason it cannot.
///
/// The same parsers read the configuration file and the command-line flags, so both report
/// a bad value in the same words; the caller adds where the value came from.
///
///     let port = try ConfigurationParser.integer(in: 0...65535).parse("5300")
struct ConfigurationParser<Value> {
    /// Parses one setting's text.
    let parse: (String) throws(ConfigurationError) -> Value
}

extension ConfigurationParser where Value == Int {
    /// A decimal integer within `range`.
    static func integer(in range: ClosedRange<Int>) -> Self {
        Self { text throws(ConfigurationError) in
            guard let value = Int(text) else {
                throw ConfigurationError(reason: "expected an integer, got \(text.debugDescription)")
            }
            guard range.contains(value) else {
                throw ConfigurationError(
                    reason: "must be between \(range.lowerBound) and \(range.upperBound), got \(value)"
                )
            }
            return value
        }
    }
}

extension ConfigurationParser where Value == String {
    /// Non-empty text of at most `maxBytes` UTF-8 bytes.
    static func text(maxBytes: Int = .max) -> Self {
        Self { text throws(ConfigurationError) in
            guard !text.isEmpty else {
                throw ConfigurationError(reason: "must not be empty")
            }
            guard text.utf8.count <= maxBytes else {
                throw ConfigurationError(reason: "must be at most \(maxBytes) bytes, got \(text.utf8.count)")
            }
            return text
        }
    }
}

extension ConfigurationParser where Value == [UInt8] {
    /// Exactly `count` bytes written as `2 * count` hexadecimal digits; the text is not echoed
    /// in errors because it is usually a secret.
    static func hexBytes(count: Int) -> Self {
        Self { text throws(ConfigurationError) in
            let digits = text.compactMap(\.hexDigitValue)
            guard text.utf8.count == 2 * count, digits.count == 2 * count else {
                throw ConfigurationError(reason: "must be \(2 * count) hexadecimal digits (\(count) bytes)")
            }
            return stride(from: 0, to: digits.count, by: 2).map { UInt8(digits[$0] << 4 | digits[$0 + 1]) }
        }
    }
}

extension ConfigurationParser where Value: RawRepresentable & CaseIterable, Value.RawValue == String {
    /// One of the raw values of `Value`, such as a `Logger.Level` name.
    static var choice: Self {
        Self { text throws(ConfigurationError) in
            guard let value = Value(rawValue: text) else {
                let names = Value.allCases.map(\.rawValue).joined(separator: ", ")
                throw ConfigurationError(reason: "must be one of \(names), got \(text.debugDescription)")
            }
            return value
        }
    }
}

extension ConfigurationParser where Value == Bool {
    /// `true` or `false`.
    static var bool: Self {
        Self { text throws(ConfigurationError) in
            switch text {
            case "true": return true
            case "false": return false
            default: throw ConfigurationError(reason: "must be true or false, got \(text.debugDescription)")
            }
        }
    }
}
