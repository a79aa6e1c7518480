import APIBodies
import EndpointTable

extension ClusterView {
    /// The view of `state` at lease time `now`.
    init(_ state: ClusterState, now: Duration) {
        self.init(
            id: state.id.name, region: state.info.region, zone: state.info.zone, labels: state.info.labels, generation: state.generation,
            lease: state.lease.rawValue, leaseExpiresInSeconds: state.leaseExpiresInSeconds(now: now), endpoints: state.endpointCount,
            dampingHoldEndsInSeconds: state.dampingHoldEndsInSeconds(now: now), heldWithdrawals: state.heldWithdrawalsView(now: now))
    }
}
