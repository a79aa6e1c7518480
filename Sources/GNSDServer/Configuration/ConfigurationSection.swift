/// A group of settings read from one YAML mapping, such as `dns:`; its defaults come from `init()`.
///
/// Adding a section is a struct with defaults, its table of `fields`, and one
/// `.section("name", \.property)` line in the parent's table:
///
///     extension ZoneSettings: ConfigurationSection {
///         static var fields: [ConfigurationField<Self>] {
///             [.init("directory", \.directory, .text())]
///         }
///     }
protocol ConfigurationSection {
    /// The section with every setting at its default.
    init()
    /// The keys this section accepts; any other key is an error.
    static var fields: [ConfigurationField<Self>] { get }
}

/// One key of a section: its YAML name and how its value is read into the section.
struct ConfigurationField<Section> {
    /// The kebab-case key, as written in the file.
    let key: String
    /// Reads the key's value into the section.
    let read: (inout Section, ConfigurationNode) throws(ConfigurationError) -> Void

    /// A key whose value `parse` reads from the node itself: lists and nested sections.
    init<Value>(
        _ key: String,
        _ property: WritableKeyPath<Section, Value>,
        parse: @escaping (ConfigurationNode) throws(ConfigurationError) -> Value
    ) {
        self.key = key
        self.read = { section, node throws(ConfigurationError) in
            section[keyPath: property] = try parse(node)
        }
    }

    /// A key holding a single value.
    init<Value>(_ key: String, _ property: WritableKeyPath<Section, Value>, _ parser: ConfigurationParser<Value>) {
        self.init(key, property) { node throws(ConfigurationError) in try node.scalar(parser) }
    }

    /// A key holding a single value or `null`, which means "off" (`nil`).
    init<Value>(_ key: String, _ property: WritableKeyPath<Section, Value?>, _ parser: ConfigurationParser<Value>) {
        self.init(key, property) { node throws(ConfigurationError) in
            node.isNull ? nil : try node.scalar(parser)
        }
    }

    /// A key holding a nested section.
    static func section<Nested: ConfigurationSection>(
        _ key: String,
        _ property: WritableKeyPath<Section, Nested>
    ) -> Self {
        Self(key, property) { node throws(ConfigurationError) in try node.section() }
    }
}
