extension ClusterState {
    /// Makes the lease live until `now` plus the lease duration and grace.
    mutating func renewLease(now: Duration, settings: TableSettings) {
        lease = .live
        leaseExpiry = now + settings.leaseLifetime
    }
}
