import APIBodies
import EndpointTable

extension AuditSummary {
    /// What a write changed in cluster `id`'s pushed exports from `before` to `after`, looking
    /// only at `keys` when given (a delta's services, so that recording it costs what the delta
    /// touched), at every service otherwise.
    init(cluster id: ClusterID, before: TableSnapshot, after: TableSnapshot, keys: Set<ServiceKey>?) {
        let heldBefore = before.clusters[id]?.heldWithdrawals ?? [:]
        let heldAfter = after.clusters[id]?.heldWithdrawals ?? [:]
        let keys = keys ?? Set(before.exports(of: id).keys).union(after.exports(of: id).keys)
        var added: [String] = []
        var removed: [String] = []
        var changed: [String] = []
        var notListed = 0
        var madeReady = 0
        var madeUnready = 0
        for key in keys.sorted() {
            let previous = before.pushedExport(of: id, key)
            let next = after.pushedExport(of: id, key)
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
        // Unchanged holds keep their storage, so the comparison is one pointer then.
        var withdrawalsHeld = 0
        var holdsEnded = 0
        for key in heldBefore == heldAfter ? [] : Set(heldBefore.keys).union(heldAfter.keys) where heldBefore[key] != heldAfter[key] {
            let wasHeld = Set(heldBefore[key]?.endpoints.map(\.addresses) ?? [])
            let isHeld = Set(heldAfter[key]?.endpoints.map(\.addresses) ?? [])
            withdrawalsHeld += isHeld.subtracting(wasHeld).count
            holdsEnded += wasHeld.subtracting(isHeld).count
        }
        self.init(
            servicesAdded: added, servicesRemoved: removed, servicesChanged: changed, servicesNotListed: notListed,
            endpointsMadeReady: madeReady, endpointsMadeUnready: madeUnready, withdrawalsHeld: withdrawalsHeld, holdsEnded: holdsEnded)
    }

    /// Appends `key` to `names` unless it holds ``maxNamesListed`` already; then counts it in `overflow`.
    private static func list(_ key: ServiceKey, in names: inout [String], overflow: inout Int) {
        if names.count < maxNamesListed {
            names.append(key.description)
        } else {
            overflow += 1
        }
    }
}
