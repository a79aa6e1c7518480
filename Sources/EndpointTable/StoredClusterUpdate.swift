/// The outcome of one accepted snapshot or delta for one cluster, as a store should persist it.
///
/// A snapshot replaces everything (`replaceAll`, every export in `upserted`); a delta carries
/// only the exports it changed, so a store writes only those rows.
public struct StoredClusterUpdate: Hashable, Sendable {
    public var cluster: ClusterID
    public var info: ClusterInfo
    public var generation: UInt64
    /// The generation the change was applied to; 0 when the cluster was not stored before.
    public var previousGeneration: UInt64
    /// Drop every stored export of the cluster before writing `upserted`.
    public var replaceAll: Bool
    /// Exports to insert or overwrite, ordered by key.
    public var upserted: [ServiceExport]
    /// Keys of exports to delete, in order; empty when `replaceAll` is set.
    public var removed: [ServiceKey]
    /// When the cluster started exporting each service of `upserted`; a service missing here
    /// counts as exported at `.zero`, and the table lists no time that is `.zero`.
    public var firstExported: [ServiceKey: Duration]

    public init(
        cluster: ClusterID,
        info: ClusterInfo,
        generation: UInt64,
        previousGeneration: UInt64,
        replaceAll: Bool,
        upserted: [ServiceExport],
        removed: [ServiceKey],
        firstExported: [ServiceKey: Duration] = [:]
    ) {
        self.cluster = cluster
        self.info = info
        self.generation = generation
        self.previousGeneration = previousGeneration
        self.replaceAll = replaceAll
        self.upserted = upserted
        self.removed = removed
        self.firstExported = firstExported
    }
}
