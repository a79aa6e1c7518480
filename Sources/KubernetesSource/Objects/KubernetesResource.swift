/// A kind of object the source lists and watches, by its API path.
struct KubernetesResource: Sendable, Equatable, CustomStringConvertible {
    /// The group-version prefix: `/api/v1` or `/apis/<group>/<version>`.
    var groupVersionPath: String
    /// The plural resource name, such as `services`.
    var plural: String

    static let serviceExports = KubernetesResource(groupVersionPath: "/apis/multicluster.x-k8s.io/v1alpha1", plural: "serviceexports")
    static let services = KubernetesResource(groupVersionPath: "/api/v1", plural: "services")
    static let endpointSlices = KubernetesResource(groupVersionPath: "/apis/discovery.k8s.io/v1", plural: "endpointslices")

    var description: String { plural }

    /// The collection's path, across all namespaces or within `namespace`.
    func path(namespace: String?) -> String {
        guard let namespace else { return "\(groupVersionPath)/\(plural)" }
        return "\(groupVersionPath)/namespaces/\(namespace)/\(plural)"
    }
}
