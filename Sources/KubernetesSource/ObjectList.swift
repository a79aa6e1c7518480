/// One page of a list response: the items and the resource version to watch from.
struct ObjectList<Object: KubernetesObject>: Decodable, Sendable {
    var metadata: ListMeta
    var items: [Object]
}

/// The `metadata` of a list, and of a watch bookmark's object.
struct ListMeta: Decodable, Sendable {
    var resourceVersion: String?
    var `continue`: String?
}
