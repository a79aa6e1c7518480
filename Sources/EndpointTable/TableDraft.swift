import HashTreeCollections

/// A mutable copy of a snapshot's dictionaries. Edits copy only the tree nodes on their path, so
/// the next snapshot shares everything else with the one the draft was taken from.
struct TableDraft {
    var clusters: TreeDictionary<ClusterID, ClusterState>
    var services: TreeDictionary<ServiceKey, ServiceEntry>
    var exportsByCluster: TreeDictionary<ClusterID, TreeDictionary<ServiceKey, ServiceExport>>
    var mixedKindServices: TreeSet<ServiceKey>
    private let base: TableSnapshot
    /// The services whose exports the draft changed.
    private var changedServices: Set<ServiceKey> = []

    init(_ snapshot: TableSnapshot) {
        clusters = snapshot.clusters
        services = snapshot.services
        exportsByCluster = snapshot.exportsByCluster
        mixedKindServices = snapshot.mixedKindServices
        base = snapshot
    }

    /// The immutable snapshot holding the draft's contents, one version above the draft's base
    /// (and one answer version above it when an answer can differ), with what changed recorded in
    /// its ``TableChangeLog``.
    func snapshot() -> TableSnapshot {
        let everyAnswer = TableSnapshot.changesEveryAnswer(from: base.clusters, to: clusters)
        let changes = base.changes.recording(changedServices: everyAnswer ? nil : changedServices)
        let answersMayDiffer = everyAnswer || !changedServices.isEmpty
        return TableSnapshot(
            version: base.version + 1, answerVersion: base.answerVersion + (answersMayDiffer ? 1 : 0), clusters: clusters,
            services: services, exportsByCluster: exportsByCluster, mixedKindServices: mixedKindServices, changes: changes)
    }

    /// Makes `exports` what `cluster` exports (`nil` forgets the cluster's exports) and updates the
    /// service view for `candidates`, the only keys whose export may differ. An export the cluster
    /// did not have gets `exportedAt(key)` as its first-export time; a changed one keeps its time.
    /// - Returns: the exports that changed and the keys no longer exported, each ordered by key.
    @discardableResult
    mutating func setExports(
        _ exports: TreeDictionary<ServiceKey, ServiceExport>?,
        of cluster: ClusterID,
        candidates: Set<ServiceKey>,
        exportedAt: (ServiceKey) -> Duration
    ) -> (upserted: [ServiceExport], removed: [ServiceKey]) {
        let old = exportsByCluster[cluster] ?? [:]
        var upserted: [ServiceExport] = []
        var removed: [ServiceKey] = []
        for key in candidates.sorted() {
            let export = exports?[key]
            guard export != old[key] else { continue }
            changedServices.insert(key)
            if let export {
                services[key, default: ServiceEntry(key: key)].exports[cluster] = export
                if old[key] == nil {
                    services[key]?.firstExported[cluster] = exportedAt(key).listedFirstExport
                }
                upserted.append(export)
            } else {
                services[key]?.exports[cluster] = nil
                services[key]?.firstExported[cluster] = nil
                if services[key]?.exports.isEmpty == true {
                    services[key] = nil
                }
                removed.append(key)
            }
            if services[key]?.hasMixedKinds == true {
                mixedKindServices.insert(key)
            } else {
                mixedKindServices.remove(key)
            }
        }
        exportsByCluster[cluster] = exports
        return (upserted, removed)
    }

    /// When `cluster` first exported each of `exports` (those at `.zero` left out), by key, as the draft holds it.
    func firstExportTimes(of exports: [ServiceExport], by cluster: ClusterID) -> [ServiceKey: Duration] {
        Dictionary(
            uniqueKeysWithValues: exports.compactMap { export in
                services[export.key]?.firstExported[cluster].map { (export.key, $0) }
            })
    }
}
