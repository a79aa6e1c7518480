/// One cluster as a store holds it: everything but its lease.
public struct StoredCluster: Hashable, Sendable {
    public var id: ClusterID
    public var info: ClusterInfo
    public var generation: UInt64
    /// The cluster's exports, one per service key.
    public var exports: [ServiceExport]

    public init(id: ClusterID, info: ClusterInfo, generation: UInt64, exports: [ServiceExport]) {
        self.id = id
        self.info = info
        self.generation = generation
        self.exports = exports
    }
}
