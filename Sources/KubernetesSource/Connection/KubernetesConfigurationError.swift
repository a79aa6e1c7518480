/// A missing or broken in-cluster configuration or kubeconfig; its description is one line for the operator.
public struct KubernetesConfigurationError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What is wrong, naming the file and the entry.
    public var description: String

    init(_ description: String) {
        self.description = description
    }
}
