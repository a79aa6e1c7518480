/// A discovery.k8s.io/v1 `EndpointSlice`, joined to its Service through the `kubernetes.io/service-name` label.
struct EndpointSliceObject: KubernetesObject {
    /// The label that names the slice's Service.
    static let serviceNameLabel = "kubernetes.io/service-name"

    /// One entry of `endpoints`.
    struct Endpoint: Decodable, Sendable, Equatable {
        var addresses: [String]
        var conditions: Conditions?
        var hostname: String?
        var zone: String?
        var targetRef: TargetReference?
    }

    /// `endpoints[].conditions`; a missing `ready` means ready.
    struct Conditions: Decodable, Sendable, Equatable {
        var ready: Bool?
    }

    /// The object (usually a Pod) behind an endpoint.
    struct TargetReference: Decodable, Sendable, Equatable {
        var kind: String?
        var namespace: String?
        var name: String?
    }

    /// One entry of `ports`: the port the endpoints listen on.
    struct Port: Decodable, Sendable, Equatable {
        var name: String?
        var port: Int?
        var `protocol`: String?
    }

    var metadata: ObjectMeta
    /// `IPv4`, `IPv6` or `FQDN`.
    var addressType: String
    var endpoints: [Endpoint]?
    var ports: [Port]?

    /// The Service this slice belongs to, from its `kubernetes.io/service-name` label.
    var serviceKey: ObjectKey? {
        metadata.labels?[Self.serviceNameLabel].map { ObjectKey(namespace: metadata.namespace ?? "", name: $0) }
    }
}
