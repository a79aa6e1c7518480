/// A namespaced object name, the identity of an object within its kind.
struct ObjectKey: Hashable, Comparable, Sendable, CustomStringConvertible {
    var namespace: String
    var name: String

    var description: String { "\(namespace)/\(name)" }

    static func < (lhs: ObjectKey, rhs: ObjectKey) -> Bool {
        (lhs.namespace, lhs.name) < (rhs.namespace, rhs.name)
    }
}
