internal import GNSModel
internal import Yams

/// A node of an export file with its place (file, line, field path), so that every value read
/// through it fails with an ``ExportFileError`` saying where.
struct ExportFileNode {
    let node: Node
    let file: String
    /// The field path from the root, such as `exports[0].endpoints[1]`; empty at the root.
    let field: String
    let line: Int?

    /// The root of a document read from `file`.
    init(root: Node, file: String) {
        self.init(node: root, file: file, field: "", line: root.mark?.line)
    }

    private init(node: Node, file: String, field: String, line: Int?) {
        self.node = node
        self.file = file
        self.field = field
        self.line = line
    }

    /// An error at this node.
    func error(_ reason: String) -> ExportFileError {
        ExportFileError(file: file, line: line, field: field, reason: reason)
    }

    /// True for an empty value, `null` or `~`.
    var isNull: Bool { node.isNullScalar }

    /// The members of a mapping, each one of `keys`; any other key is an error.
    func mapping(_ keys: [String]) throws(ExportFileError) -> ExportFileMapping {
        guard case .mapping(let mapping) = node else { throw error("expected a mapping, got \(kind)") }
        var members: [String: ExportFileNode] = [:]
        for (keyNode, valueNode) in mapping {
            guard case .scalar(let key) = keyNode, keys.contains(key.string) else {
                let place = ExportFileNode(node: keyNode, file: file, field: field, line: keyNode.mark?.line)
                throw place.error(
                    "unknown key \(keyNode.string.map(\.debugDescription) ?? "of \(place.kind)"); valid keys are \(keys.joined(separator: ", "))")
            }
            let path = field.isEmpty ? key.string : "\(field).\(key.string)"
            let line = valueNode.isNullScalar ? keyNode.mark?.line : valueNode.mark?.line
            members[key.string] = ExportFileNode(node: valueNode, file: file, field: path, line: line)
        }
        return ExportFileMapping(owner: self, members: members)
    }

    /// The items of a list, each placed at `field[index]`.
    func list() throws(ExportFileError) -> [ExportFileNode] {
        guard case .sequence(let sequence) = node else { throw error("expected a list, got \(kind)") }
        return sequence.enumerated().map { index, item in
            ExportFileNode(node: item, file: file, field: "\(field)[\(index)]", line: item.mark?.line)
        }
    }

    /// A text value.
    func string() throws(ExportFileError) -> String {
        guard case .scalar(let scalar) = node, !isNull else { throw error("expected a text value, got \(kind)") }
        return scalar.string
    }

    /// A whole number.
    func integer() throws(ExportFileError) -> Int {
        let text = try string()
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
        switch try string() {
        case "true": true
        case "false": false
        case let text: throw error("expected true or false, got \(text.debugDescription)")
        }
    }

    /// A number of seconds within `range`, such as `2` or `0.5`, to the millisecond.
    func seconds(in range: ClosedRange<Double>) throws(ExportFileError) -> Duration {
        let text = try string()
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

    /// What the node holds, for error messages.
    private var kind: String {
        switch node {
        case .scalar where isNull: "no value"
        case .scalar(let scalar): scalar.string.debugDescription
        case .sequence: "a list"
        case .mapping: "a mapping"
        case .alias: "an alias"
        }
    }
}

extension Node {
    /// True for a scalar left empty or written `null` or `~`.
    fileprivate var isNullScalar: Bool {
        if case .scalar = self { tag.rawValue == Tag.Name.null.rawValue } else { false }
    }
}
