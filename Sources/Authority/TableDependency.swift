internal import EndpointTable

/// What in the endpoint table an encoded response was built from, so a table change drops only
/// the responses it can have changed.
enum TableDependency: Equatable {
    /// Nothing: a zone without dynamic names, or zone data that no service can shadow.
    case none
    /// The exports of the services with this name (in any namespace) and every cluster's lease and region.
    case service(String)
    /// The table as a whole: negative answers and SOA records of dynamic zones, whose serial follows every change.
    case anyChange

    /// True when a change touching the services named `changedNames` (every service when `nil`)
    /// can have changed a response built from this.
    func isAffected(by changedNames: Set<String>?) -> Bool {
        switch self {
        case .none: false
        case .anyChange: true
        case .service(let name): changedNames?.contains(name) ?? true
        }
    }
}

extension TableSnapshot {
    /// The names of the services whose exports differ between `previous` and this snapshot, or
    /// `nil` when a cluster came, went, or changed its lease or region, which can change any answer.
    func changedServiceNames(since previous: TableSnapshot) -> Set<String>? {
        guard clusters.count == previous.clusters.count else { return nil }
        var names: Set<String> = []
        for (id, state) in clusters {
            guard let before = previous.clusters[id], before.lease == state.lease, before.info == state.info else { return nil }
            let exports = exports(of: id)
            let previousExports = previous.exports(of: id)
            for (key, export) in exports where previousExports[key] != export {
                names.insert(key.name)
            }
            for key in previousExports.keys where exports[key] == nil {
                names.insert(key.name)
            }
        }
        return names
    }
}
