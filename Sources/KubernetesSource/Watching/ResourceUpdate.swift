/// A change to the objects of one kind, as list and watch report it.
enum ResourceUpdate<Object: KubernetesObject>: Sendable {
    /// A list replaced every object of the kind.
    case replaced([Object])
    case upserted(Object)
    case deleted(Object)

    /// `objects` after this change.
    func applied(to objects: inout [ObjectKey: Object]) {
        switch self {
        case .replaced(let items):
            objects = Dictionary(items.map { ($0.metadata.key, $0) }, uniquingKeysWith: { _, last in last })
        case .upserted(let object):
            objects[object.metadata.key] = object
        case .deleted(let object):
            objects[object.metadata.key] = nil
        }
    }
}
