public import EndpointTable

/// A client network that belongs to one cluster, for locality: queries from it (or carrying an EDNS
/// Client Subnet inside it) count as coming from `cluster`. The longest matching prefix wins.
public struct ClusterNetwork: Hashable, Sendable {
    public var network: IPNetwork
    public var cluster: ClusterID

    /// Places clients in `network` in `cluster`.
    public init(network: IPNetwork, cluster: ClusterID) {
        self.network = network
        self.cluster = cluster
    }
}
