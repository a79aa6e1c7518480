import HashTreeCollections

extension TableSnapshot {
    /// The names of the services whose exports (or their first-export times) differ between `previous` and this snapshot, or
    /// `nil` when a cluster came, went, or changed its lease or region, which can change any answer.
    ///
    /// Read from the change log when `previous` is a recent version of the same table; otherwise
    /// the two tables are compared export by export.
    public func changedServiceNames(since previous: TableSnapshot) -> Set<String>? {
        if changes.lineage == previous.changes.lineage, previous.version <= version, changes.reaches(back: previous.version) {
            return changes.changedServiceNames(after: previous.version)
        }
        return comparedServiceNames(with: previous)
    }

    /// True when a cluster came or went between `previous` and `current`, or changed its lease or
    /// region: any answer may differ then.
    static func changesEveryAnswer(
        from previous: TreeDictionary<ClusterID, ClusterState>, to current: TreeDictionary<ClusterID, ClusterState>
    ) -> Bool {
        current.count != previous.count || current.contains { id, state in
            guard let before = previous[id] else { return true }
            return before.lease != state.lease || before.info != state.info
        }
    }

    private func comparedServiceNames(with previous: TableSnapshot) -> Set<String>? {
        guard !Self.changesEveryAnswer(from: previous.clusters, to: clusters) else { return nil }
        var names: Set<String> = []
        for id in clusters.keys {
            let exports = exports(of: id)
            let previousExports = previous.exports(of: id)
            for (key, export) in exports
            where previousExports[key] != export || services[key]?.firstExport(by: id) != previous.services[key]?.firstExport(by: id) {
                names.insert(key.name)
            }
            for key in previousExports.keys where exports[key] == nil {
                names.insert(key.name)
            }
        }
        return names
    }
}
