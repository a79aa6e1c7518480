/// The body of `GET /v1/services` (the OpenAPI `ServiceList` schema): every service, ordered by
/// namespace and name.
public struct ServiceList: Codable, Hashable, Sendable {
    public var services: [ServiceView]
}

/// One service merged over the clusters exporting it (the OpenAPI `ServiceView` schema).
public struct ServiceView: Codable, Hashable, Sendable {
    public var namespace: String
    public var name: String
    /// One entry per exporting cluster, ordered by cluster id.
    public var clusters: [ServiceClusterView]
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
}
