import HashTreeCollections

extension TableSnapshot {
    /// The names of the services whose exports (or their first-export times) differ between
    /// `previous` and this snapshot, or `nil` when a cluster came, went, or changed its lease or
    /// region, which can change any answer.
    public func changedServiceNames(since previous: TableSnapshot) -> Set<String>? {
        changedServices(since: previous).map { Set($0.map(\.name)) }
    }

    /// The services whose exports (or their first-export times) differ between `previous` and
    /// this snapshot, or `nil` when a cluster came, went, or changed its lease or region.
    ///
    /// Read from the change log when `previous` is a recent version of the same table; otherwise
    /// the two tables are compared export by export.
    public func changedServices(since previous: TableSnapshot) -> Set<ServiceKey>? {
        if changes.lineage == previous.changes.lineage, previous.version <= version, changes.reaches(back: previous.version) {
            return changes.changedServices(after: previous.version)
        }
        return comparedServices(with: previous)
    }

    /// True when a cluster came or went between `previous` and `current`, or changed its lease or
    /// region: any answer may differ then.
    static func changesEveryAnswer(
        from previous: TreeDictionary<ClusterID, ClusterState>, to current: TreeDictionary<ClusterID, ClusterState>
    ) -> Bool {
        current.count != previous.count
            || current.contains { id, state in
                guard let before = previous[id] else { return true }
                return before.lease != state.lease || before.info != state.info
            }
    }

    /// The services whose answers may differ from those of `previous`: the ones
    /// ``changedServices(since:)`` names or, when a cluster came, went, or changed its lease or
    /// region or labels, every service such a cluster exports in either table plus every export
    /// that changed.
    public func servicesAffected(since previous: TableSnapshot) -> Set<ServiceKey> {
        if let keys = changedServices(since: previous) { return keys }
        var keys = exportChanges(since: previous)
        for (id, state) in clusters where previous.clusters[id].map({ $0.lease != state.lease || $0.info != state.info }) ?? true {
            keys.formUnion(exports(of: id).keys)
        }
        for id in previous.clusters.keys where clusters[id] == nil {
            keys.formUnion(previous.exports(of: id).keys)
        }
        return keys
    }

    private func comparedServices(with previous: TableSnapshot) -> Set<ServiceKey>? {
        guard !Self.changesEveryAnswer(from: previous.clusters, to: clusters) else { return nil }
        return exportChanges(since: previous)
    }

    /// The services some cluster of this table exports differently than in `previous` (or with
    /// another first-export time), or stopped exporting.
    private func exportChanges(since previous: TableSnapshot) -> Set<ServiceKey> {
        var keys: Set<ServiceKey> = []
        for id in clusters.keys {
            let exports = exports(of: id)
            let previousExports = previous.exports(of: id)
            for (key, export) in exports
            where previousExports[key] != export || services[key]?.firstExport(by: id) != previous.services[key]?.firstExport(by: id) {
                keys.insert(key)
            }
            for key in previousExports.keys where exports[key] == nil {
                keys.insert(key)
            }
        }
        return keys
    }
}
