/// A configuration problem, placed as precisely as known: file, line, key and reason.
///
/// Its description reads like `gnsd.yaml:7: dns.max-udp-payload: must be between 512 and 65535, got 70000`;
/// errors from command-line flags name the flag instead, as in `--log-level: must be one of …`.
public struct ConfigurationError: Error, CustomStringConvertible, Sendable {
    /// The configuration file, or `nil` for command-line flags.
    public var file: String?
    /// The 1-based line in `file`, when known.
    public var line: Int?
    /// The dotted key path (`dns.listen[1]`) or the flag (`--dns-listen`); empty for whole-file problems.
    public var key: String
    /// What is wrong, in words meant for the operator.
    public var reason: String

    /// Creates an error; `key` stays empty for problems with the file as a whole.
    public init(file: String? = nil, line: Int? = nil, key: String = "", reason: String) {
        self.file = file
        self.line = line
        self.key = key
        self.reason = reason
    }

    /// `file:line: key: reason`, leaving out what is unknown.
    public var description: String {
        var parts: [String] = []
        switch (file, line) {
        case let (file?, line?): parts.append("\(file):\(line)")
        case let (file?, nil): parts.append(file)
        case let (nil, line?): parts.append("line \(line)")
        case (nil, nil): break
        }
        if !key.isEmpty {
            parts.append(key)
        }
        parts.append(reason)
        return parts.joined(separator: ": ")
    }

    /// Runs `body`; an error it throws that is not yet placed (its key is empty) gets this place.
    ///
    /// Parsers throw bare reasons; the file reader and the flag handling place them.
    static func placing<Value>(
        file: String? = nil,
        line: Int? = nil,
        key: String,
        _ body: () throws(ConfigurationError) -> Value
    ) throws(ConfigurationError) -> Value {
        do {
            return try body()
        } catch  where error.key.isEmpty {
            throw ConfigurationError(file: file, line: line, key: key, reason: error.reason)
        }
    }
}
