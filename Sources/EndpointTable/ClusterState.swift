/// Whether a cluster's agent is keeping its lease.
public enum LeaseState: String, Hashable, Sendable, CaseIterable {
    /// The lease was renewed within the lease duration (plus grace).
    case live
    /// The lease lapsed, or the cluster was restored from storage and its agent has not renewed
    /// yet, or it renews but is held by damping.
    case stale
    /// Stale for longer than the table's `expireAfter`.
    case expired
}

/// A cluster as the table knows it.
public struct ClusterState: Hashable, Sendable {
    public var id: ClusterID
    public var info: ClusterInfo
    /// The generation of the last accepted snapshot or delta.
    public var generation: UInt64
    public var lease: LeaseState
    /// When the lease lapses, on the table's lease clock: while live, and while held by damping;
    /// `nil` otherwise.
    public var leaseExpiry: Duration?
    /// How many endpoints the cluster's agent exports over all its services.
    public var endpointCount: Int
    /// How many of those the agent reports ready (withdrawals the guard holds not counted).
    public var readyEndpointCount: Int
    /// When the cluster turned stale (restored ones: when the table was restored); `nil` while live.
    public var staleSince: Duration?
    /// When its lease lapsed lately, oldest first: those within the damping window, at most as
    /// many as damping counts (none without damping).
    public var lapses: [Duration]
    /// While damping holds the cluster stale although it renews: when it turns live if it keeps
    /// renewing until then.
    public var heldUntil: Duration?
    /// The withdrawals the guard holds back, by service: answered as before until released.
    public var heldWithdrawals: [ServiceKey: HeldWithdrawal]

    public init(
        id: ClusterID, info: ClusterInfo, generation: UInt64, lease: LeaseState, leaseExpiry: Duration?, endpointCount: Int,
        readyEndpointCount: Int = 0, staleSince: Duration? = nil, lapses: [Duration] = [], heldUntil: Duration? = nil,
        heldWithdrawals: [ServiceKey: HeldWithdrawal] = [:]
    ) {
        self.id = id
        self.info = info
        self.generation = generation
        self.lease = lease
        self.leaseExpiry = leaseExpiry
        self.endpointCount = endpointCount
        self.readyEndpointCount = readyEndpointCount
        self.staleSince = staleSince
        self.lapses = lapses
        self.heldUntil = heldUntil
        self.heldWithdrawals = heldWithdrawals
    }
}

/// Monotonic time for leases, as a duration since an arbitrary origin; tests inject a manual clock.
public protocol LeaseClock: Sendable {
    var now: Duration { get }
}

/// The system's monotonic clock.
public struct SystemLeaseClock: LeaseClock {
    private let origin = ContinuousClock.now

    public init() {}

    public var now: Duration { ContinuousClock.now - origin }
}
