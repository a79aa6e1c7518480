/// The body of `GET /v1/clusters` (the OpenAPI `ClusterList` schema): every cluster, ordered by id.
public struct ClusterList: Codable, Hashable, Sendable {
    public var clusters: [ClusterView]

    /// The listing of `clusters`.
    public init(clusters: [ClusterView]) {
        self.clusters = clusters
    }
}

/// One cluster in a listing (the OpenAPI `ClusterView` schema): where it runs, its generation,
/// lease and size.
public struct ClusterView: Codable, Hashable, Sendable {
    public var id: String
    public var region: String?
    public var zone: String?
    public var labels: [String: String]
    public var generation: UInt64
    /// `live`, `stale` or `expired`.
    public var lease: String
    /// Seconds until a live lease lapses; absent once stale.
    public var leaseExpiresInSeconds: Double?
    /// Endpoints over all the cluster's exports.
    public var endpoints: Int
    /// While damping holds the cluster stale although it renews: seconds until it turns live if
    /// it keeps renewing.
    public var dampingHoldEndsInSeconds: Double?
    /// The withdrawals the guard holds for the cluster; absent when none.
    public var heldWithdrawals: HeldWithdrawalsView?

    /// A view with every member given.
    public init(
        id: String, region: String?, zone: String?, labels: [String: String], generation: UInt64, lease: String,
        leaseExpiresInSeconds: Double?, endpoints: Int, dampingHoldEndsInSeconds: Double? = nil, heldWithdrawals: HeldWithdrawalsView? = nil
    ) {
        self.id = id
        self.region = region
        self.zone = zone
        self.labels = labels
        self.generation = generation
        self.lease = lease
        self.leaseExpiresInSeconds = leaseExpiresInSeconds
        self.endpoints = endpoints
        self.dampingHoldEndsInSeconds = dampingHoldEndsInSeconds
        self.heldWithdrawals = heldWithdrawals
    }
}
