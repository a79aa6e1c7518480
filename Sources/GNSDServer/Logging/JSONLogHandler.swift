internal import APIBodies
internal import Foundation
public import Logging

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A swift-log handler writing one JSON object per line (`log.format: json`, `gnsd agent
/// --log-format json`), with stable field names: `time` (RFC 3339, UTC, to the millisecond),
/// `level`, `logger` (`gnsd` or `gnsd-agent`), `module` (the Swift module that logged),
/// `message`, then each metadata key as a field of its own (nested values as JSON objects and
/// arrays). A metadata key that is one of those names is written as `metadata.KEY`.
///
///     {"time":"2026-12-07T10:00:00.000Z","level":"info","logger":"gnsd","module":"GNSDServer","message":"gnsd 0.1.0 starting","config":"/etc/gnsd/gnsd.yaml","pid":"4242"}
public struct JSONLogHandler: LogHandler {
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    private let label: String
    private let write: @Sendable (String) -> Void

    /// The names every line has, in this order, before the metadata.
    static let fixedFields: Set<String> = ["time", "level", "logger", "module", "message"]

    /// A handler for `label` writing each line (with its newline) through `write`: standard
    /// error by default, one `write(2)` per line so lines from threads never interleave.
    public init(label: String, write: @escaping @Sendable (String) -> Void = JSONLogHandler.writeToStandardError) {
        self.label = label
        self.write = write
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var fields = metadata
        fields.merge(metadataProvider?.get() ?? [:]) { _, provided in provided }
        fields.merge(event.metadata ?? [:]) { _, given in given }
        var line = "{\"time\":"
        Self.appendString(RFC3339Time.string(secondsSince1970: Date().timeIntervalSince1970), to: &line)
        for (name, value) in [("level", event.level.rawValue), ("logger", label), ("module", event.source), ("message", "\(event.message)")] {
            line += ",\"\(name)\":"
            Self.appendString(value, to: &line)
        }
        for (key, value) in fields.sorted(by: { $0.key < $1.key }) {
            line += ","
            Self.appendString(Self.fixedFields.contains(key) ? "metadata.\(key)" : key, to: &line)
            line += ":"
            Self.append(value, to: &line)
        }
        line += "}\n"
        write(line)
    }

    /// `value` as JSON: strings as strings, lists as arrays, dictionaries as objects with sorted keys.
    private static func append(_ value: Logger.MetadataValue, to line: inout String) {
        switch value {
        case .string(let text):
            appendString(text, to: &line)
        case .stringConvertible(let convertible):
            appendString(convertible.description, to: &line)
        case .array(let values):
            line += "["
            for (index, element) in values.enumerated() {
                line += index == 0 ? "" : ","
                append(element, to: &line)
            }
            line += "]"
        case .dictionary(let dictionary):
            line += "{"
            for (index, (key, element)) in dictionary.sorted(by: { $0.key < $1.key }).enumerated() {
                line += index == 0 ? "" : ","
                appendString(key, to: &line)
                line += ":"
                append(element, to: &line)
            }
            line += "}"
        }
    }

    /// `text` as a JSON string (RFC 8259): quotes, backslashes and control characters escaped.
    static func appendString(_ text: String, to line: inout String) {
        line += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": line += "\\\""
            case "\\": line += "\\\\"
            case "\n": line += "\\n"
            case "\r": line += "\\r"
            case "\t": line += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                line += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: line.unicodeScalars.append(scalar)
            }
        }
        line += "\""
    }

    /// Writes `line` to standard error with one system call.
    @Sendable public static func writeToStandardError(_ line: String) {
        var bytes = Array(line.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { Glibc.write(2, $0.baseAddress! + offset, $0.count - offset) }
            guard written > 0 else { return }
            offset += written
        }
    }
}
