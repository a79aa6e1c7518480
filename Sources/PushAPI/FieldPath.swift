/// Where a value sits in a request, printed as `exports[2].endpoints[0].addresses[1]`.
struct FieldPath: Hashable, Sendable, CustomStringConvertible {
    private(set) var description: String

    /// The body itself, or the named top-level field.
    init(_ root: String = "") {
        description = root
    }

    /// The path of a value the JSON decoder reports.
    init(codingPath: [any CodingKey]) {
        self = codingPath.reduce(FieldPath()) { path, key in
            key.intValue.map { path.item($0) } ?? path.field(key.stringValue)
        }
    }

    /// The member `name` of the object at this path.
    func field(_ name: String) -> FieldPath {
        FieldPath(description.isEmpty ? name : "\(description).\(name)")
    }

    /// The element at `index` of the array at this path.
    func item(_ index: Int) -> FieldPath {
        FieldPath("\(description)[\(index)]")
    }
}
