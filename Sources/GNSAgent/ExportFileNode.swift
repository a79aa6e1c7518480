internal import GNSModel
public import PlacedYAML

/// A node of an export file with its place (file, line, field path), so that every value read
/// through it fails with an ``ExportFileError`` saying where.
typealias ExportFileNode = PlacedNode<ExportFileError>

extension ExportFileError: PlacedError {
    /// The error `reason` at field `path` on `line` of `file`.
    public init(file: String?, line: Int?, path: String, reason: String) {
        self.init(file: file ?? "", line: line, field: path, reason: reason)
    }
}

extension PlacedNode where Failure == ExportFileError {
    /// The members of a mapping, each one of `keys`; any other key is an error.
    func mapping(_ keys: [String]) throws(ExportFileError) -> ExportFileMapping {
        let members = try members(known: keys)
        return ExportFileMapping(owner: self, members: Dictionary(members, uniquingKeysWith: { first, _ in first }))
    }

    /// A whole number.
    func integer() throws(ExportFileError) -> Int {
        let text = try text()
        guard let value = Int(text) else { throw error("expected a whole number, got \(text.debugDescription)") }
        return value
    }

    /// A whole number within `range`.
    func integer(in range: ClosedRange<Int>) throws(ExportFileError) -> Int {
        let value = try integer()
        guard range.contains(value) else { throw error("must be from \(range.lowerBound) to \(range.upperBound), got \(value)") }
        return value
    }

    /// What `rule` makes of this node's `read` value, or the error placing its violation here.
    func applying<Read, Value>(
        _ read: (ExportFileNode) throws(ExportFileError) -> Read, _ rule: (Read) throws(ExportRuleViolation) -> Value
    ) throws(ExportFileError) -> Value {
        let value = try read(self)
        do {
            return try rule(value)
        } catch {
            throw self.error(error.withGiven)
        }
    }

    /// `true` or `false`.
    func bool() throws(ExportFileError) -> Bool {
        switch try text() {
        case "true": true
        case "false": false
        case let text: throw error("expected true or false, got \(text.debugDescription)")
        }
    }

    /// A number of seconds within `range`, such as `2` or `0.5`, to the millisecond.
    func seconds(in range: ClosedRange<Double>) throws(ExportFileError) -> Duration {
        let text = try text()
        guard let value = Double(text), value.isFinite else { throw error("expected a number of seconds, got \(text.debugDescription)") }
        guard range.contains(value) else {
            throw error("must be from \(Self.decimal(range.lowerBound)) to \(Self.decimal(range.upperBound)) seconds, got \(text)")
        }
        return .milliseconds(Int64((value * 1000).rounded()))
    }

    /// `2` for 2.0, `0.5` for 0.5.
    private static func decimal(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}
