/// A Kubernetes object of one of the kinds the source watches.
protocol KubernetesObject: Decodable, Sendable, Equatable {
    var metadata: ObjectMeta { get }
}
