/// The `metadata` of a Kubernetes object, reduced to the fields the source reads.
struct ObjectMeta: Decodable, Sendable, Equatable {
    var name: String
    var namespace: String?
    var resourceVersion: String?
    var labels: [String: String]?
    var annotations: [String: String]?

    /// Where the object lives: its namespace and name.
    var key: ObjectKey { ObjectKey(namespace: namespace ?? "", name: name) }
}
