/// Why an export file cannot be used, placed at its line and field:
/// `exports.yaml:12: exports[0].endpoints[1].addresses[0]: must be an IPv4 or IPv6 address, got "10.0.0.300"`.
public struct ExportFileError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file.
    public var file: String
    /// The 1-based line, when known.
    public var line: Int?
    /// The field at fault as a path (`exports[0].ports[1].port`); empty for the file as a whole.
    public var field: String
    /// What is wrong, in words meant for the operator.
    public var reason: String

    /// An error at `field` on `line` of `file`.
    public init(file: String, line: Int? = nil, field: String = "", reason: String) {
        self.file = file
        self.line = line
        self.field = field
        self.reason = reason
    }

    /// `file:line: field: reason`, leaving out what is unknown.
    public var description: String {
        let place = line.map { "\(file):\($0)" } ?? file
        return field.isEmpty ? "\(place): \(reason)" : "\(place): \(field): \(reason)"
    }
}
