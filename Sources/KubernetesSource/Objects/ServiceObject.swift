/// A core/v1 `Service`, with the parts of its spec that decide the export's kind, IPs and ports.
struct ServiceObject: KubernetesObject {
    /// The spec fields the join reads.
    struct Spec: Decodable, Sendable, Equatable {
        var type: String?
        var clusterIP: String?
        var clusterIPs: [String]?
        var ports: [Port]?
    }

    /// One entry of `spec.ports`.
    struct Port: Decodable, Sendable, Equatable {
        var name: String?
        var port: Int
        var `protocol`: String?
    }

    var metadata: ObjectMeta
    var spec: Spec
}
