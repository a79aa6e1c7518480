import HashTreeCollections

extension TableSnapshot {
    /// The table as `stored` describes it, every cluster stale (since `now`) until its agent
    /// renews; version 1, or an empty table at version 0 when nothing was stored. Either starts
    /// its own change log.
    static func restored(from stored: [StoredCluster], now: Duration) -> TableSnapshot {
        let empty = TableSnapshot(version: 0, clusters: [:], services: [:])
        guard !stored.isEmpty else { return empty }
        var draft = TableDraft(empty)
        for cluster in stored {
            let exports = TreeDictionary(cluster.exports.map { ($0.key, $0) }, uniquingKeysWith: { $1 })
            draft.setExports(exports, of: cluster.id, candidates: Set(exports.keys), exportedAt: { cluster.firstExported[$0] ?? .zero })
            draft.clusters[cluster.id] = ClusterState(
                id: cluster.id,
                info: cluster.info,
                generation: cluster.generation,
                lease: .stale,
                leaseExpiry: nil,
                endpointCount: exports.values.reduce(0) { $0 + $1.endpoints.count },
                readyEndpointCount: exports.values.reduce(0) { $0 + $1.readyEndpointCount },
                staleSince: now
            )
        }
        return draft.snapshot()
    }
}
