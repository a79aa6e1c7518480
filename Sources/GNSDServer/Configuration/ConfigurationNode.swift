public import PlacedYAML

/// A node of the configuration file together with its place: file, line and dotted key path.
///
/// Section readers walk the YAML tree through these, so every error says where it is.
typealias ConfigurationNode = PlacedNode<ConfigurationError>

extension ConfigurationError: PlacedError {
    /// The error `reason` at key path `path` on `line` of `file`.
    public init(file: String?, line: Int?, path: String, reason: String) {
        self.init(file: file, line: line, key: path, reason: reason)
    }
}

extension PlacedNode where Failure == ConfigurationError {
    /// The value of a single-value node, parsed; an empty value is parsed as empty text.
    func scalar<Value>(_ parser: ConfigurationParser<Value>) throws(ConfigurationError) -> Value {
        let text = try text()
        return try placing { () throws(ConfigurationError) in try parser.parse(text) }
    }

    /// The elements of a list node, each read by `element` at its own place (`key[index]`).
    func list<Element>(_ element: (ConfigurationNode) throws(ConfigurationError) -> Element) throws(ConfigurationError) -> [Element] {
        var elements: [Element] = []
        for item in try list() {
            elements.append(try item.placing { () throws(ConfigurationError) in try element(item) })
        }
        return elements
    }

    /// A section read from a mapping node; an empty node gives the defaults, an unknown key is an error.
    func section<Section: ConfigurationSection>() throws(ConfigurationError) -> Section {
        var section = Section()
        if isNull {
            return section
        }
        let fields = Section.fields
        for (key, member) in try members(known: fields.map(\.key)) {
            guard let field = fields.first(where: { $0.key == key }) else { continue }
            try member.placing { () throws(ConfigurationError) in try field.read(&section, member) }
        }
        return section
    }

    /// Runs `body`, placing its unplaced errors at this node.
    private func placing<Value>(_ body: () throws(ConfigurationError) -> Value) throws(ConfigurationError) -> Value {
        try ConfigurationError.placing(file: file, line: line, key: path, body)
    }
}
