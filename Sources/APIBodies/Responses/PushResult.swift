/// gnsd's answer to an accepted snapshot, delta or heartbeat (the OpenAPI `PushResult` schema).
public struct PushResult: Codable, Hashable, Sendable {
    /// One export of the pushing cluster left out of DNS answers because another cluster's export
    /// of the other kind sets the service's kind (KEP-1645: the oldest export wins).
    public struct Conflict: Codable, Hashable, Sendable {
        public var namespace: String
        public var name: String
        /// The kind this cluster exports.
        public var type: String
        /// The kind the service has.
        public var winningType: String
        /// The cluster whose export sets the kind.
        public var winningCluster: String
        /// Why that cluster's export sets the kind.
        public var reason: String

        /// A conflict with every member given.
        public init(namespace: String, name: String, type: String, winningType: String, winningCluster: String, reason: String) {
            self.namespace = namespace
            self.name = name
            self.type = type
            self.winningType = winningType
            self.winningCluster = winningCluster
            self.reason = reason
        }
    }

    public var cluster: String
    /// The cluster's generation after the change.
    public var generation: UInt64
    /// The table version that includes the change.
    public var version: UInt64
    /// Seconds until the renewed lease lapses unless renewed again.
    public var leaseExpiresInSeconds: Double?
    /// The cluster's exports left out for their kind, ordered by service, at most
    /// ``maxConflictsListed``; absent when there are none.
    public var conflicts: [Conflict]?
    /// The withdrawals the guard holds for the cluster after the change; absent when none.
    public var heldWithdrawals: HeldWithdrawalsView?

    /// The most conflicts one result lists; `gnsd_export_conflicts` counts them all.
    public static let maxConflictsListed = 100

    /// A result with every member given.
    public init(
        cluster: String, generation: UInt64, version: UInt64, leaseExpiresInSeconds: Double?, conflicts: [Conflict]? = nil,
        heldWithdrawals: HeldWithdrawalsView? = nil
    ) {
        self.cluster = cluster
        self.generation = generation
        self.version = version
        self.leaseExpiresInSeconds = leaseExpiresInSeconds
        self.conflicts = conflicts
        self.heldWithdrawals = heldWithdrawals
    }
}
