/// One page of a list response: the items and the resource version to watch from.
struct ObjectList<Object: KubernetesObject>: Decodable, Sendable {
    var metadata: ListMeta
    var items: [Object]
}
