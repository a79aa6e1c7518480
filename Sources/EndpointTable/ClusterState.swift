/// Whether a cluster's agent is keeping its lease.
public enum LeaseState: String, Hashable, Sendable {
    /// The lease was renewed within the lease duration (plus grace).
    case live
    /// The lease lapsed, or the cluster was restored from storage and its agent has not renewed yet.
    case stale
}

/// A cluster as the table knows it.
public struct ClusterState: Hashable, Sendable {
    public var id: ClusterID
    public var info: ClusterInfo
    /// The generation of the last accepted snapshot or delta.
    public var generation: UInt64
    public var lease: LeaseState
    /// When the lease lapses, on the table's lease clock; `nil` once stale.
    public var leaseExpiry: Duration?
    /// How many endpoints the cluster exports over all its services.
    public var endpointCount: Int

    public init(id: ClusterID, info: ClusterInfo, generation: UInt64, lease: LeaseState, leaseExpiry: Duration?, endpointCount: Int) {
        self.id = id
        self.info = info
        self.generation = generation
        self.lease = lease
        self.leaseExpiry = leaseExpiry
        self.endpointCount = endpointCount
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
