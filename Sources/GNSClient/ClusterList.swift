/// The body of `GET /v1/clusters` (the OpenAPI `ClusterList` schema): every cluster, ordered by id.
public struct ClusterList: Codable, Hashable, Sendable {
    public var clusters: [ClusterView]
}

/// One cluster in a listing (the OpenAPI `ClusterView` schema).
public struct ClusterView: Codable, Hashable, Sendable {
    public var id: String
    public var region: String?
    public var zone: String?
    public var labels: [String: String]
    public var generation: UInt64
    /// `live` or `stale`.
    public var lease: String
    /// Seconds until a live lease lapses; absent once stale.
    public var leaseExpiresInSeconds: Double?
    /// Endpoints over all the cluster's exports.
    public var endpoints: Int
}
