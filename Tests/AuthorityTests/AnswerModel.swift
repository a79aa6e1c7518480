import DNSWire
import EndpointTable

/// What the service names must answer, restated over plain dictionaries as directly as the rules
/// read, for ``AnswerModelTests`` to compare the endpoint table and the answer source against.
///
/// Only ready endpoints of clusters with a live lease answer: a ClusterSetIP export gives its
/// service IPs, a headless one its ready endpoints' addresses. When no live cluster has a ready
/// endpoint, the stale clusters that have one answer instead (fail static). An MCS service takes
/// the kind of the oldest export of a live cluster (of any cluster when none is live; the smaller
/// cluster id when two are as old) and ignores exports of the other kind; an MCS
/// headless service exists only while one of its endpoints is ready, any other service name while
/// anything exports it. A global-namespace name draws on every cluster's `memberNamespace`.
struct AnswerModel {
    struct Cluster {
        var generation: UInt64
        /// `nil` once the lease lapsed.
        var leaseExpiry: Duration?
        var exports: [ServiceKey: ServiceExport]
        /// When the cluster started exporting each service: kept while it exports it.
        var firstExported: [ServiceKey: Duration] = [:]

        /// The cluster with `exports` from lease time `now`, keeping the times of the services it already exported.
        func exporting(_ exports: [ServiceKey: ServiceExport], generation: UInt64, now: Duration) -> Cluster {
            var next = Cluster(generation: generation, leaseExpiry: leaseExpiry, exports: exports)
            next.firstExported = exports.mapValues { firstExported[$0.key] ?? now }
            return next
        }
    }

    /// A name the model answers.
    enum Query: Hashable, CustomStringConvertible {
        /// `<svc>.<ns>.svc.clusterset.local`.
        case clusterset(ServiceKey)
        /// `<svc>.acme.local`.
        case global(String)
        /// `<ns>.svc.clusterset.local`.
        case namespace(String)

        var description: String {
            switch self {
            case .clusterset(let key): "\(key.name).\(key.namespace).svc.clusterset.local"
            case .global(let name): "\(name).acme.local"
            case .namespace(let namespace): "\(namespace).svc.clusterset.local"
            }
        }
    }

    /// What a name answers: its addresses (order ignored), or NODATA or NXDOMAIN with the advance
    /// of the SOA serial over the zone file's; `unexpected` for anything else the answer source said.
    enum Answer: Hashable {
        case addresses(Set<IPAddress>)
        case noData(serialAdvance: UInt32)
        case nameError(serialAdvance: UInt32)
        case unexpected(String)
    }

    /// One export considered for a name.
    private struct Exporter {
        let cluster: ClusterID
        let export: ServiceExport
        let isLive: Bool
        let firstExported: Duration

        var hasReadyEndpoint: Bool { export.endpoints.contains(where: \.ready) }

        var isHeadless: Bool { export.kind == .headless }

        /// The service IPs, or the ready endpoints' addresses.
        var addresses: [IPAddress] {
            switch export.kind {
            case .clusterSetIP(let serviceIPs): serviceIPs
            case .headless: export.endpoints.filter(\.ready).flatMap(\.addresses)
            }
        }
    }

    let leaseDuration: Duration
    /// The namespace every cluster contributes to the global namespace.
    let memberNamespace: String
    private(set) var clusters: [ClusterID: Cluster] = [:]
    /// The table's answer version: one more with every accepted change that alters what answers
    /// depend on (clusters, their liveness, their exports and export times), and every expiry
    /// that lapsed a lease.
    private(set) var version: UInt64 = 0

    /// What answers depend on, per cluster.
    private var answerInputs: [ClusterID: [ServiceKey: ServiceExport]] {
        clusters.mapValues { $0.exports }
    }

    private var liveClusters: Set<ClusterID> {
        Set(clusters.filter { $0.value.leaseExpiry != nil }.keys)
    }

    private var exportTimes: [ClusterID: [ServiceKey: Duration]] {
        clusters.mapValues(\.firstExported)
    }

    func generation(of cluster: ClusterID) -> UInt64 {
        clusters[cluster]?.generation ?? 0
    }

    /// Applies `change` at lease time `now`; false when the table must refuse it.
    mutating func apply(_ change: TableChange, now: Duration) -> Bool {
        let before = (answerInputs, liveClusters, exportTimes)
        let renewed: ClusterID?
        switch change {
        case .snapshot(let id, let generation, _, let exports, _):
            guard generation > self.generation(of: id) else { return false }
            let current = clusters[id] ?? Cluster(generation: 0, exports: [:])
            clusters[id] = current.exporting(Dictionary(exports.map { ($0.key, $0) }) { $1 }, generation: generation, now: now)
            renewed = id
        case .delta(let id, let baseGeneration, let generation, let operations, _):
            guard baseGeneration == clusters[id]?.generation, generation > baseGeneration,
                let current = clusters[id], let exports = Self.exports(current.exports, editedBy: operations)
            else { return false }
            clusters[id] = current.exporting(exports, generation: generation, now: now)
            renewed = id
        case .heartbeat(let id):
            guard clusters[id] != nil else { return false }
            renewed = id
        case .deleteCluster(let id):
            guard clusters.removeValue(forKey: id) != nil else { return false }
            renewed = nil
        case .releaseWithdrawals(let id):
            // The answer tables run without the withdrawal guard: nothing is ever held.
            guard clusters[id] != nil else { return false }
            renewed = nil
        }
        if let renewed {
            clusters[renewed]?.leaseExpiry = now + leaseDuration
        }
        if before != (answerInputs, liveClusters, exportTimes) {
            version += 1
        }
        return true
    }

    /// Lapses every lease due by `now`; true when any did.
    mutating func expireLeases(now: Duration) -> Bool {
        let due = clusters.filter { $0.value.leaseExpiry.map { $0 <= now } ?? false }.keys
        for id in due {
            clusters[id]?.leaseExpiry = nil
        }
        if !due.isEmpty {
            version += 1
        }
        return !due.isEmpty
    }

    /// What `query` answers for `type` (A or AAAA), and whether stale clusters answer it because no
    /// live one can.
    func answer(_ query: Query, type: RecordType) -> (answer: Answer, failStatic: Bool) {
        switch query {
        case .clusterset(let key):
            return clustersetAnswer(key, type: type)
        case .global(let name):
            let exporters = ServiceKey(namespace: memberNamespace, name: name).map(exporters(of:)) ?? []
            return exporters.isEmpty ? (nameError, false) : addressAnswer(exporters, type: type)
        case .namespace(let namespace):
            let keys = Set(clusters.values.flatMap(\.exports.keys)).filter { $0.namespace == namespace }
            let exists = keys.contains { clustersetAnswer($0, type: type).answer != nameError }
            return (exists ? noData : nameError, false)
        }
    }

    private func clustersetAnswer(_ key: ServiceKey, type: RecordType) -> (answer: Answer, failStatic: Bool) {
        let exporters = exporters(of: key)
        let decider = exporters.min { ($0.isLive ? 0 : 1, $0.firstExported, $0.cluster) < ($1.isLive ? 0 : 1, $1.firstExported, $1.cluster) }
        guard let lead = decider else { return (nameError, false) }
        let sameKind = exporters.filter { $0.isHeadless == lead.isHeadless }
        guard !lead.isHeadless || sameKind.contains(where: \.hasReadyEndpoint) else { return (nameError, false) }
        return addressAnswer(sameKind, type: type)
    }

    /// The addresses of `type` of the live exporters with a ready endpoint, or of the stale ones
    /// when no live one has any.
    private func addressAnswer(_ exporters: [Exporter], type: RecordType) -> (answer: Answer, failStatic: Bool) {
        let ready = exporters.filter(\.hasReadyEndpoint)
        let live = ready.filter(\.isLive)
        let answering = live.isEmpty ? ready : live
        let addresses = Set(answering.flatMap(\.addresses).filter { Self.isData($0, of: type) })
        return (addresses.isEmpty ? noData : .addresses(addresses), live.isEmpty && !ready.isEmpty)
    }

    /// Every cluster's export of `key`, by cluster id.
    private func exporters(of key: ServiceKey) -> [Exporter] {
        clusters.compactMap { id, cluster in
            cluster.exports[key].map {
                Exporter(cluster: id, export: $0, isLive: cluster.leaseExpiry != nil, firstExported: cluster.firstExported[key] ?? .zero)
            }
        }.sorted { $0.cluster < $1.cluster }
    }

    private var noData: Answer { .noData(serialAdvance: UInt32(truncatingIfNeeded: version)) }

    private var nameError: Answer { .nameError(serialAdvance: UInt32(truncatingIfNeeded: version)) }

    private static func isData(_ address: IPAddress, of type: RecordType) -> Bool {
        switch address {
        case .v4: type == .a
        case .v6: type == .aaaa
        }
    }

    /// `exports` after `operations` in order, or `nil` when one names a service or address that is not there.
    private static func exports(_ exports: [ServiceKey: ServiceExport], editedBy operations: [DeltaOperation]) -> [ServiceKey: ServiceExport]? {
        var exports = exports
        for operation in operations {
            switch operation {
            case .upsert(let export):
                exports[export.key] = export
            case .remove(let key):
                guard exports.removeValue(forKey: key) != nil else { return nil }
            case .setReadiness(let key, let address, let ready):
                guard let endpoints = exports[key]?.endpoints, endpoints.contains(where: { $0.addresses.contains(address) }) else { return nil }
                exports[key]?.endpoints = endpoints.map { endpoint in
                    var endpoint = endpoint
                    endpoint.ready = endpoint.addresses.contains(address) ? ready : endpoint.ready
                    return endpoint
                }
            }
        }
        return exports
    }
}
