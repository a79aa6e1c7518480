/// The body of `GET /v1/services` (the OpenAPI `ServiceList` schema): every service, ordered by
/// namespace and name.
public struct ServiceList: Codable, Hashable, Sendable {
    public var services: [ServiceView]

    /// The listing of `services`.
    public init(services: [ServiceView]) {
        self.services = services
    }
}

/// One service merged over the clusters exporting it (the OpenAPI `ServiceView` schema).
public struct ServiceView: Codable, Hashable, Sendable {
    public var namespace: String
    public var name: String
    /// One entry per exporting cluster, ordered by cluster id.
    public var clusters: [ServiceClusterView]

    /// A view with every member given.
    public init(namespace: String, name: String, clusters: [ServiceClusterView]) {
        self.namespace = namespace
        self.name = name
        self.clusters = clusters
    }
}

/// What one cluster exports for a service, summarised (the OpenAPI `ServiceClusterView` schema).
public struct ServiceClusterView: Codable, Hashable, Sendable {
    public var cluster: String
    /// `clusterSetIP` or `headless`.
    public var type: String
    /// The service IPs; clusterSetIP only.
    public var ips: [String]?
    public var ports: [PortBody]
    public var readyEndpoints: Int
    public var endpoints: Int
    /// `live` or `stale`.
    public var lease: String

    /// A summary with every member given.
    public init(cluster: String, type: String, ips: [String]?, ports: [PortBody], readyEndpoints: Int, endpoints: Int, lease: String) {
        self.cluster = cluster
        self.type = type
        self.ips = ips
        self.ports = ports
        self.readyEndpoints = readyEndpoints
        self.endpoints = endpoints
        self.lease = lease
    }
}
