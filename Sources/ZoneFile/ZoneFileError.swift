/// Why a zone file could not be loaded, and where.
///
/// `description` reads like a compiler diagnostic, `zones/acme.local.zone:12: <reason>`, or
/// `zones/acme.local.zone: <reason>` when the problem belongs to the file as a whole.
public struct ZoneFileError: Error, Hashable, CustomStringConvertible, Sendable {
    /// The file (or zone directory) as it was named to the loader or in `$INCLUDE`.
    public var file: String
    /// The line on which the offending entry starts, counting from 1; `nil` for the whole file.
    public var line: Int?
    /// What is wrong.
    public var reason: String

    public init(file: String, line: Int? = nil, reason: String) {
        self.file = file
        self.line = line
        self.reason = reason
    }

    public var description: String {
        if let line {
            "\(file):\(line): \(reason)"
        } else {
            "\(file): \(reason)"
        }
    }
}
