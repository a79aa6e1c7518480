import Foundation

extension SnapshotFile {
    /// What a value of a snapshot file may hold: the push API's request schema as far as member
    /// names and `null` go, so that gnsctl refuses what gnsd would (a misspelled `ready` would
    /// otherwise be dropped on the way and the endpoint pushed as ready).
    indirect enum Shape: Sendable {
        /// An object with only these members.
        case object([String: Shape])
        /// A list of values of one shape.
        case list(Shape)
        /// An object of any members, such as `labels`.
        case anyMembers
        /// A single value.
        case value
    }

    /// The shape of a snapshot file.
    static let shape: Shape = {
        let port = Shape.object(["name": .value, "port": .value, "protocol": .value])
        let endpoint = Shape.object(["addresses": .list(.value), "hostname": .value, "ready": .value, "zone": .value, "weight": .value])
        let export = Shape.object([
            "namespace": .value, "name": .value, "type": .value, "ips": .list(.value), "ports": .list(port), "endpoints": .list(endpoint),
        ])
        let cluster = Shape.object(["region": .value, "zone": .value, "labels": .anyMembers])
        return .object(["generation": .value, "cluster": cluster, "exports": .list(export)])
    }()

    /// The first member of `value` (a JSON or YAML document as Foundation or Yams reads it) that
    /// `shape` does not list, or its first `null`, as `path: reason`; `nil` when there is none.
    /// Wrong types are left to the decoder, which names them.
    static func strayMember(in value: Any, shape: Shape, at path: String = "") -> String? {
        if value is NSNull {
            return "\(path): must not be null"
        }
        switch shape {
        case .object(let members):
            for (name, member) in sortedMembers(of: value) {
                let memberPath = path.isEmpty ? name : "\(path).\(name)"
                guard let memberShape = members[name] else {
                    return "\(memberPath): is not a known member (known: \(members.keys.sorted().joined(separator: ", ")))"
                }
                if let stray = strayMember(in: member, shape: memberShape, at: memberPath) {
                    return stray
                }
            }
        case .list(let element):
            for (index, item) in ((value as? [Any]) ?? []).enumerated() {
                if let stray = strayMember(in: item, shape: element, at: "\(path)[\(index)]") {
                    return stray
                }
            }
        case .anyMembers:
            for (name, member) in sortedMembers(of: value) where member is NSNull {
                return "\(path).\(name): must not be null"
            }
        case .value:
            break
        }
        return nil
    }

    /// The members of an object, by name; none for anything else.
    private static func sortedMembers(of value: Any) -> [(name: String, value: Any)] {
        guard let object = value as? [AnyHashable: Any] else { return [] }
        return object.map { (name: "\($0.key)", value: $0.value) }.sorted { $0.name < $1.name }
    }
}
