import EndpointTable

extension ClusterState {
    /// Seconds until the lease lapses at lease time `now` (never negative); `nil` once stale.
    func leaseExpiresInSeconds(now: Duration) -> Double? {
        guard lease == .live, let leaseExpiry else { return nil }
        let remaining = max(leaseExpiry - now, .zero).components
        return Double(remaining.seconds) + Double(remaining.attoseconds) / 1e18
    }
}
