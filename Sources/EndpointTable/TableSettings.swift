/// Settings of the endpoint table.
public struct TableSettings: Hashable, Sendable {
    /// How long an accepted push or heartbeat keeps a cluster's lease live.
    public var leaseDuration: Duration
    /// Extra time after `leaseDuration` before the lease lapses: a lease lapses at the last
    /// renewal plus `leaseDuration` plus `leaseGrace`.
    public var leaseGrace: Duration
    /// The most endpoints one cluster may export over all its services.
    public var maxEndpointsPerCluster: Int
    /// How long a cluster stays stale before it is expired; `nil` never expires one.
    public var expireAfter: Duration?
    /// Damping of clusters whose lease keeps lapsing; `nil` turns it off.
    public var damping: LeaseDamping?
    /// The guard against withdrawing too much at once; `nil` applies every withdrawal at once.
    public var withdrawalGuard: WithdrawalGuard?

    /// `TableSettings()` gives a 10 s lease, 5 s grace and at most 100 000 endpoints per cluster;
    /// no cluster expires, none is damped, no withdrawal is held.
    public init(
        leaseDuration: Duration = .seconds(10), leaseGrace: Duration = .seconds(5), maxEndpointsPerCluster: Int = 100_000,
        expireAfter: Duration? = nil, damping: LeaseDamping? = nil, withdrawalGuard: WithdrawalGuard? = nil
    ) {
        self.leaseDuration = leaseDuration
        self.leaseGrace = leaseGrace
        self.maxEndpointsPerCluster = maxEndpointsPerCluster
        self.expireAfter = expireAfter
        self.damping = damping
        self.withdrawalGuard = withdrawalGuard
    }

    /// The time from a renewal to the lapse of the lease it renewed.
    var leaseLifetime: Duration { leaseDuration + leaseGrace }
}
