import APIBodies
import EndpointTable

extension AuditSummary {
    /// What a write changed in cluster `id`'s pushed exports from `before` to `after`, looking
    /// only at `keys` when given (a delta's services), at every service otherwise.
    init(cluster id: ClusterID, before: TableSnapshot, after: TableSnapshot, keys: Set<ServiceKey>?) {
        let old = before.pushedExports(of: id)
        let new = after.pushedExports(of: id)
        var added: [String] = []
        var removed: [String] = []
        var changed: [String] = []
        var notListed = 0
        var madeReady = 0
        var madeUnready = 0
        for key in (keys ?? Set(old.keys).union(new.keys)).sorted() {
            let previous = old[key]
            let next = new[key]
            guard previous != next else { continue }
            switch (previous, next) {
            case (nil, _): Self.list(key, in: &added, overflow: &notListed)
            case (_, nil): Self.list(key, in: &removed, overflow: &notListed)
            default: Self.list(key, in: &changed, overflow: &notListed)
            }
            guard let previous, let next else {
                madeReady += next?.readyEndpointCount ?? 0
                madeUnready += previous?.readyEndpointCount ?? 0
                continue
            }
            let wasReady = previous.readyAddressSets
            let isReady = next.readyAddressSets
            madeReady += isReady.subtracting(wasReady).count
            madeUnready += wasReady.subtracting(isReady).count
        }
        let heldBefore = Self.heldEndpoints(before.clusters[id])
        let heldAfter = Self.heldEndpoints(after.clusters[id])
        self.init(
            servicesAdded: added, servicesRemoved: removed, servicesChanged: changed, servicesNotListed: notListed,
            endpointsMadeReady: madeReady, endpointsMadeUnready: madeUnready, withdrawalsHeld: heldAfter.subtracting(heldBefore).count,
            holdsEnded: heldBefore.subtracting(heldAfter).count)
    }

    /// Appends `key` to `names` unless it holds ``maxNamesListed`` already; then counts it in `overflow`.
    private static func list(_ key: ServiceKey, in names: inout [String], overflow: inout Int) {
        if names.count < maxNamesListed {
            names.append(key.description)
        } else {
            overflow += 1
        }
    }

    /// The endpoints the guard holds for `state`'s cluster, as service and addresses.
    private static func heldEndpoints(_ state: ClusterState?) -> Set<String> {
        Set((state?.heldWithdrawals ?? [:]).flatMap { key, held in held.endpoints.map { "\(key) \($0.addresses)" } })
    }
}
