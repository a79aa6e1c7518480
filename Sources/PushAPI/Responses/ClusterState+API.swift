import APIBodies
import EndpointTable

extension ClusterState {
    /// Seconds until the lease lapses at lease time `now` (never negative); `nil` once stale.
    func leaseExpiresInSeconds(now: Duration) -> Double? {
        guard lease == .live, let leaseExpiry else { return nil }
        return Self.seconds(from: now, to: leaseExpiry)
    }

    /// Seconds until damping lets the cluster turn live if it keeps renewing; `nil` unless held.
    func dampingHoldEndsInSeconds(now: Duration) -> Double? {
        heldUntil.map { Self.seconds(from: now, to: $0) }
    }

    /// The withdrawals the guard holds for the cluster at lease time `now`; `nil` when none.
    func heldWithdrawalsView(now: Duration) -> HeldWithdrawalsView? {
        guard let release = heldWithdrawals.values.map(\.releaseAt).min() else { return nil }
        let listed = heldWithdrawals.keys.sorted().prefix(HeldWithdrawalsView.maxServicesListed)
        return HeldWithdrawalsView(
            services: listed.map(\.description), servicesNotListed: heldWithdrawals.count - listed.count,
            endpoints: heldWithdrawals.values.reduce(0) { $0 + $1.endpoints.count }, releaseInSeconds: Self.seconds(from: now, to: release))
    }

    /// The seconds from `now` to `deadline`, never negative, to the millisecond (`14.997`, not
    /// `14.997154938`: finer is noise by the time anyone reads it).
    private static func seconds(from now: Duration, to deadline: Duration) -> Double {
        (max(deadline - now, .zero).inSeconds * 1000).rounded() / 1000
    }
}
