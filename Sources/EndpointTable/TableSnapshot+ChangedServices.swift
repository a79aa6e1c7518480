extension TableSnapshot {
    /// The names of the services whose exports differ between `previous` and this snapshot, or
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

    private func comparedServiceNames(with previous: TableSnapshot) -> Set<String>? {
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
