internal import Yams

/// A node of a YAML (or JSON) document with its place: file, line and path from the root
/// (`exports[0].endpoints[1]`), so that every value read through it fails with a `Failure`
/// saying where. gnsd's configuration and the agent's export file are both read through it.
///
///     guard let root = try PlacedNode<ConfigurationError>(yaml: text, file: path) else { return defaults }
///     for (key, value) in try root.members(known: ["dns", "zones"]) { … }
public struct PlacedNode<Failure: PlacedError> {
    let node: Node
    /// The file the document was read from, if any.
    public let file: String?
    /// The path from the root, such as `dns.listen[1]`; empty at the root.
    public let path: String
    /// The 1-based line of the value (of its key when the value is left empty), when known.
    public let line: Int?

    /// The root of the document `text` read from `file`; `nil` when the document is empty.
    /// Bad YAML is an error at its line, when the parser knows it.
    public init?(yaml text: String, file: String?) throws(Failure) {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw Self.syntaxError(error, in: text, file: file)
        }
        guard let root else { return nil }
        self.init(node: root, file: file, path: "", line: root.mark?.line)
    }

    private init(node: Node, file: String?, path: String, line: Int?) {
        self.node = node
        self.file = file
        self.path = path
        self.line = line
    }

    /// An error with `reason` at this node.
    public func error(_ reason: String) -> Failure {
        Failure(file: file, line: line, path: path, reason: reason)
    }

    /// Whether the value is left empty or written `null` or `~`.
    public var isNull: Bool {
        node.isNullScalar
    }

    /// The text of a single value; an empty value is empty text.
    public func text() throws(Failure) -> String {
        guard case .scalar(let scalar) = node else { throw error("expected a single value, got \(Self.describe(node))") }
        return isNull ? "" : scalar.string
    }

    /// The items of a list, each placed at `path[index]`.
    public func list() throws(Failure) -> [PlacedNode] {
        guard case .sequence(let sequence) = node else { throw error("expected a list, got \(Self.describe(node))") }
        return sequence.enumerated().map { index, item in
            PlacedNode(node: item, file: file, path: "\(path)[\(index)]", line: item.mark?.line)
        }
    }

    /// The members of a mapping in the order written, each key one of `keys` (any key when `nil`)
    /// and each value placed at `path.key`; any other key is an error at its line listing the
    /// valid keys.
    public func members(known keys: [String]?) throws(Failure) -> [(key: String, value: PlacedNode)] {
        guard case .mapping(let mapping) = node else { throw error("expected a mapping, got \(Self.describe(node))") }
        var members: [(key: String, value: PlacedNode)] = []
        for (keyNode, valueNode) in mapping {
            let keyLine = keyNode.mark?.line
            guard case .scalar(let scalar) = keyNode else {
                throw Failure(file: file, line: keyLine, path: path, reason: "expected a key name, got \(Self.describe(keyNode))")
            }
            let key = scalar.string
            let member = PlacedNode(
                node: valueNode, file: file, path: path.isEmpty ? key : "\(path).\(key)",
                line: valueNode.isNullScalar ? keyLine : valueNode.mark?.line)
            if let keys, !keys.contains(key) {
                throw Failure(file: file, line: keyLine, path: member.path, reason: "unknown key; valid keys are \(keys.joined(separator: ", "))")
            }
            members.append((key, member))
        }
        return members
    }

    /// What a node holds, for error messages.
    private static func describe(_ node: Node) -> String {
        switch node {
        case .scalar where node.isNullScalar: "no value"
        case .scalar(let scalar): scalar.string.debugDescription
        case .sequence: "a list"
        case .mapping: "a mapping"
        case .alias: "an alias"
        }
    }

    /// A YAML syntax error from Yams, at its line when Yams knows it.
    private static func syntaxError(_ error: any Error, in text: String, file: String?) -> Failure {
        switch error as? YamlError {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _), let .composer(context, problem, mark, _):
            let within = context.map { " (\($0.text) on line \($0.mark.line))" } ?? ""
            return Failure(file: file, line: mark.line, path: "", reason: "invalid YAML: \(problem)\(within)")
        case let .reader(problem, offset?, _, _):
            let line = text.prefix(offset).count(where: \.isNewline) + 1
            return Failure(file: file, line: line, path: "", reason: "invalid YAML: \(problem)")
        case let .duplicatedKeysInMapping(duplicates, context):
            let keys = duplicates.map(\.debugDescription).joined(separator: ", ")
            return Failure(file: file, line: context.mark.line, path: "", reason: "invalid YAML: duplicate key \(keys)")
        default:
            return Failure(file: file, line: nil, path: "", reason: "invalid YAML: \(error)")
        }
    }
}

extension Node {
    /// True for a scalar left empty or written `null` or `~`.
    fileprivate var isNullScalar: Bool {
        if case .scalar = self { tag.rawValue == Tag.Name.null.rawValue } else { false }
    }
}
