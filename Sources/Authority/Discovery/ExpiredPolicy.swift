internal import EndpointTable

/// What becomes of the exports of a cluster whose lease expired (stale for longer than
/// `leases.expire-after`): answered as a stale cluster's are (fail static), or withdrawn from
/// every name as if the cluster did not export them.
public enum ExpiredPolicy: String, Hashable, Sendable, CaseIterable {
    case keep
    case withdraw
}

/// The expired policies of one configuration: the MCS names', each global namespace's (in
/// ``GlobalNamespace``), and per-service overrides that win over both.
struct ExpiredPolicies: Hashable, Sendable {
    var clusterset: ExpiredPolicy
    var services: [ServiceKey: ExpiredPolicy]

    /// True when the export of `service` by a cluster whose lease is `lease` is left out of a name
    /// of `globalNamespace` (`nil`: an MCS name).
    func withdraws(_ service: ServiceKey, lease: LeaseState, in globalNamespace: GlobalNamespace?) -> Bool {
        guard lease == .expired else { return false }
        return (services[service] ?? globalNamespace?.expiredPolicy ?? clusterset) == .withdraw
    }
}
