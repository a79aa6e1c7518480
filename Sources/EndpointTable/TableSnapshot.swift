public import HashTreeCollections

/// Everything exported for one service key, per exporting cluster, with when each cluster first
/// exported it.
public struct ServiceEntry: Hashable, Sendable {
    public let key: ServiceKey
    public var exports: TreeDictionary<ClusterID, ServiceExport>
    /// When each exporting cluster started exporting the service, on the table's export clock
    /// (see ``EndpointTable``); a cluster missing here counts as `.zero`, the oldest, and the table
    /// lists no time that is `.zero`.
    public var firstExported: TreeDictionary<ClusterID, Duration>

    public init(
        key: ServiceKey, exports: TreeDictionary<ClusterID, ServiceExport> = [:], firstExported: TreeDictionary<ClusterID, Duration> = [:]
    ) {
        self.key = key
        self.exports = exports
        self.firstExported = firstExported
    }

    /// When `cluster` started exporting the service; `.zero` when the table holds no time for it.
    public func firstExport(by cluster: ClusterID) -> Duration {
        firstExported[cluster] ?? .zero
    }
}

/// The endpoint table at one moment: immutable, shared by every reader without locks, and
/// replaced whole after each accepted change. Its persistent dictionaries share structure with
/// the previous snapshot, so a change costs in proportion to what it touched.
public final class TableSnapshot: Sendable {
    /// Increases with every accepted change, heartbeats and lease lapses included.
    public let version: UInt64
    /// Increases with every change that can alter an answer (a heartbeat that only renews a live
    /// lease does not) and continues after a restart above every value handed out before (see
    /// ``EndpointStore/reservedAnswerVersion()``); feeds the dynamic zones' SOA serials.
    public let answerVersion: UInt64
    public let clusters: TreeDictionary<ClusterID, ClusterState>
    public let services: TreeDictionary<ServiceKey, ServiceEntry>
    /// The same exports as `services`, indexed by cluster, so a change to one cluster finds its
    /// services without visiting the others.
    let exportsByCluster: TreeDictionary<ClusterID, TreeDictionary<ServiceKey, ServiceExport>>
    /// The services that clusters export with more than one kind, whose answers leave out the
    /// exports of the kind that ``KindDecision`` does not pick; which kind wins can change with
    /// any lease change.
    public let mixedKindServices: TreeSet<ServiceKey>
    /// What the table's recent versions changed, up to this one.
    let changes: TableChangeLog

    /// Builds a snapshot from its parts, deriving the per-cluster index from `services`; its answer
    /// version is `answerVersion`, or `version` when not given.
    public convenience init(
        version: UInt64, answerVersion: UInt64? = nil, clusters: TreeDictionary<ClusterID, ClusterState>,
        services: TreeDictionary<ServiceKey, ServiceEntry>
    ) {
        var exportsByCluster: TreeDictionary<ClusterID, TreeDictionary<ServiceKey, ServiceExport>> = [:]
        for id in clusters.keys {
            exportsByCluster[id] = [:]
        }
        var mixedKindServices: TreeSet<ServiceKey> = []
        for (key, entry) in services {
            for (cluster, export) in entry.exports {
                exportsByCluster[cluster, default: [:]][key] = export
            }
            if entry.hasMixedKinds {
                mixedKindServices.insert(key)
            }
        }
        self.init(
            version: version, answerVersion: answerVersion ?? version, clusters: clusters, services: services,
            exportsByCluster: exportsByCluster, mixedKindServices: mixedKindServices, changes: TableChangeLog(startingAfter: version))
    }

    init(
        version: UInt64,
        answerVersion: UInt64,
        clusters: TreeDictionary<ClusterID, ClusterState>,
        services: TreeDictionary<ServiceKey, ServiceEntry>,
        exportsByCluster: TreeDictionary<ClusterID, TreeDictionary<ServiceKey, ServiceExport>>,
        mixedKindServices: TreeSet<ServiceKey>,
        changes: TableChangeLog
    ) {
        self.version = version
        self.answerVersion = answerVersion
        self.clusters = clusters
        self.services = services
        self.exportsByCluster = exportsByCluster
        self.mixedKindServices = mixedKindServices
        self.changes = changes
    }

    /// The same table at answer version `answerVersion`.
    func renumbered(answerVersion: UInt64) -> TableSnapshot {
        TableSnapshot(
            version: version, answerVersion: answerVersion, clusters: clusters, services: services, exportsByCluster: exportsByCluster,
            mixedKindServices: mixedKindServices, changes: changes)
    }

    /// What `cluster` exports as answered, by service; empty for a cluster the table does not know.
    public func exports(of cluster: ClusterID) -> TreeDictionary<ServiceKey, ServiceExport> {
        exportsByCluster[cluster] ?? [:]
    }

    /// What `cluster`'s agent exports, by service: the answered exports without the withdrawals
    /// the guard holds. Builds the whole dictionary; ``pushedExport(of:_:)`` looks up one service.
    public func pushedExports(of cluster: ClusterID) -> TreeDictionary<ServiceKey, ServiceExport> {
        Self.pushedExports(answered: exports(of: cluster), holds: clusters[cluster]?.heldWithdrawals ?? [:])
    }

    /// `answered` with each held service as its agent exports it.
    static func pushedExports(
        answered: TreeDictionary<ServiceKey, ServiceExport>, holds: [ServiceKey: HeldWithdrawal]
    ) -> TreeDictionary<ServiceKey, ServiceExport> {
        var exports = answered
        for (key, held) in holds {
            exports[key] = held.agentExport
        }
        return exports
    }

    /// What `cluster`'s agent exports for service `key`, held withdrawals left out.
    public func pushedExport(of cluster: ClusterID, _ key: ServiceKey) -> ServiceExport? {
        if let held = clusters[cluster]?.heldWithdrawals[key] {
            return held.agentExport
        }
        return exportsByCluster[cluster]?[key]
    }

    /// How many services `cluster`'s agent exports: those answered less those the agent removed
    /// while the guard holds their withdrawal.
    public func pushedServiceCount(of cluster: ClusterID) -> Int {
        exports(of: cluster).count - (clusters[cluster]?.heldWithdrawals.values.count { $0.agentExport == nil } ?? 0)
    }

    /// The table before any cluster has pushed.
    public static let empty = TableSnapshot(version: 0, clusters: [:], services: [:])
}
