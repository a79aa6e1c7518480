/// Where a value sits in a request, printed as `exports[2].endpoints[0].addresses[1]`.
///
/// A member name from the request (an unknown member, a label key) longer than
/// ``longestName`` bytes is cut to its start and `…`, so an error never echoes a huge name.
public struct FieldPath: Hashable, Sendable, CustomStringConvertible {
    public private(set) var description: String

    /// The body itself, or the named top-level field.
    public init(_ root: String = "") {
        description = root
    }

    /// The path of a value the JSON decoder reports.
    public init(codingPath: [any CodingKey]) {
        self = codingPath.reduce(FieldPath()) { path, key in
            key.intValue.map { path.item($0) } ?? path.field(key.stringValue)
        }
    }

    /// The longest member name a path spells out whole, in UTF-8 bytes.
    public static let longestName = 64

    /// The member `name` of the object at this path.
    public func field(_ name: String) -> FieldPath {
        let shown =
            name.utf8.count <= Self.longestName ? name : String(String.UnicodeScalarView(name.unicodeScalars.prefix(Self.longestName / 4))) + "…"
        return FieldPath(description.isEmpty ? shown : "\(description).\(shown)")
    }

    /// The element at `index` of the array at this path.
    public func item(_ index: Int) -> FieldPath {
        FieldPath("\(description)[\(index)]")
    }
}
