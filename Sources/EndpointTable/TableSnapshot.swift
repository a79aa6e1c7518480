public import HashTreeCollections

/// Everything exported for one service key, per exporting cluster.
public struct ServiceEntry: Hashable, Sendable {
    public let key: ServiceKey
    public var exports: TreeDictionary<ClusterID, ServiceExport>

    public init(key: ServiceKey, exports: TreeDictionary<ClusterID, ServiceExport> = [:]) {
        self.key = key
        self.exports = exports
    }
}

/// The endpoint table at one moment: immutable, shared by every reader without locks, and
/// replaced whole after each accepted change. Its persistent dictionaries share structure with
/// the previous snapshot, so a change costs in proportion to what it touched.
public final class TableSnapshot: Sendable {
    /// Increases with every accepted change, lease lapse included; feeds the zones' SOA serials.
    public let version: UInt64
    public let clusters: TreeDictionary<ClusterID, ClusterState>
    public let services: TreeDictionary<ServiceKey, ServiceEntry>

    public init(version: UInt64, clusters: TreeDictionary<ClusterID, ClusterState>, services: TreeDictionary<ServiceKey, ServiceEntry>) {
        self.version = version
        self.clusters = clusters
        self.services = services
    }

    /// The table before any cluster has pushed.
    public static let empty = TableSnapshot(version: 0, clusters: [:], services: [:])
}
