internal import Yams

/// A node of the configuration file together with its place: file, line and dotted key path.
///
/// Section readers walk the YAML tree through these, so every error says where it is.
struct ConfigurationNode {
    /// The YAML node.
    let node: Node
    /// The file the node was read from, if any.
    let file: String?
    /// Dotted key path from the root, such as `dns.listen[1]`; empty at the root.
    let keyPath: String
    /// The 1-based line of the node, when known.
    let line: Int?

    /// The root node of a document read from `file`.
    init(root: Node, file: String?) {
        self.init(node: root, file: file, keyPath: "", line: root.mark?.line)
    }

    private init(node: Node, file: String?, keyPath: String, line: Int?) {
        self.node = node
        self.file = file
        self.keyPath = keyPath
        self.line = line
    }

    /// Whether the value is left empty or written as `null` or `~`.
    var isNull: Bool {
        node.isNull
    }

    /// An error with `reason` at this node.
    func error(_ reason: String) -> ConfigurationError {
        ConfigurationError(file: file, line: line, key: keyPath, reason: reason)
    }

    /// The value of a single-value node, parsed; an empty value is parsed as empty text.
    func scalar<Value>(_ parser: ConfigurationParser<Value>) throws(ConfigurationError) -> Value {
        guard case .scalar(let scalar) = node else {
            throw error("expected a single value, got \(Self.describe(node))")
        }
        return try placing { () throws(ConfigurationError) in try parser.parse(isNull ? "" : scalar.string) }
    }

    /// The elements of a list node, each read by `element` at its own place (`key[index]`).
    func list<Element>(
        _ element: (ConfigurationNode) throws(ConfigurationError) -> Element
    ) throws(ConfigurationError) -> [Element] {
        guard case .sequence(let sequence) = node else {
            throw error("expected a list, got \(Self.describe(node))")
        }
        var elements: [Element] = []
        for (index, item) in sequence.enumerated() {
            let child = ConfigurationNode(
                node: item,
                file: file,
                keyPath: "\(keyPath)[\(index)]",
                line: item.mark?.line
            )
            elements.append(try child.placing { () throws(ConfigurationError) in try element(child) })
        }
        return elements
    }

    /// A section read from a mapping node; an empty node gives the defaults, an unknown key is an error.
    func section<Section: ConfigurationSection>() throws(ConfigurationError) -> Section {
        var section = Section()
        if isNull {
            return section
        }
        guard case .mapping(let mapping) = node else {
            throw error("expected a mapping, got \(Self.describe(node))")
        }
        let fields = Section.fields
        for (keyNode, valueNode) in mapping {
            let keyLine = keyNode.mark?.line
            guard case .scalar(let keyScalar) = keyNode else {
                let reason = "expected a key name, got \(Self.describe(keyNode))"
                throw ConfigurationError(file: file, line: keyLine, key: keyPath, reason: reason)
            }
            let name = keyScalar.string
            let child = ConfigurationNode(
                node: valueNode,
                file: file,
                keyPath: keyPath.isEmpty ? name : "\(keyPath).\(name)",
                line: valueNode.isNull ? keyLine : valueNode.mark?.line
            )
            guard let field = fields.first(where: { $0.key == name }) else {
                let reason = "unknown key; valid keys are \(fields.map(\.key).joined(separator: ", "))"
                throw ConfigurationError(file: file, line: keyLine, key: child.keyPath, reason: reason)
            }
            try child.placing { () throws(ConfigurationError) in try field.read(&section, child) }
        }
        return section
    }

    /// Runs `body`, placing its unplaced errors at this node.
    private func placing<Value>(_ body: () throws(ConfigurationError) -> Value) throws(ConfigurationError) -> Value {
        try ConfigurationError.placing(file: file, line: line, key: keyPath, body)
    }

    /// What a node holds, for error messages.
    private static func describe(_ node: Node) -> String {
        switch node {
        case .scalar where node.isNull: "no value"
        case .scalar(let scalar): scalar.string.debugDescription
        case .sequence: "a list"
        case .mapping: "a mapping"
        case .alias: "an alias"
        }
    }
}

extension Node {
    /// Whether this is a scalar left empty or written as `null` or `~`.
    fileprivate var isNull: Bool {
        if case .scalar = self { tag.rawValue == Tag.Name.null.rawValue } else { false }
    }
}
