import EndpointTable

/// The table's rules restated over plain dictionaries, as directly as they can be written, for
/// the model-based test to compare against.
struct ReferenceModel {
    struct Cluster {
        var info: ClusterInfo
        var generation: UInt64
        var exports: [ServiceKey: ServiceExport]
        /// `nil` once the lease lapsed (or the cluster was restored).
        var leaseExpiry: Duration?
    }

    let settings: TableSettings
    var clusters: [ClusterID: Cluster] = [:]
    var version: UInt64 = 0

    /// Applies `change` at lease time `now` and returns its refusal, or `nil` when accepted.
    mutating func apply(_ change: TableChange, now: Duration) -> TableError? {
        let expiry = now + settings.leaseDuration + settings.leaseGrace
        switch change {
        case .snapshot(let id, let generation, let info, let exports):
            let current = clusters[id]?.generation ?? 0
            if generation <= current { return .staleGeneration(current: current) }
            var byKey: [ServiceKey: ServiceExport] = [:]
            for export in exports {
                if byKey[export.key] != nil { return .duplicateService(export.key) }
                byKey[export.key] = export
            }
            if Self.endpointCount(byKey) > settings.maxEndpointsPerCluster { return .tooManyEndpoints(limit: settings.maxEndpointsPerCluster) }
            clusters[id] = Cluster(info: info, generation: generation, exports: byKey, leaseExpiry: expiry)
        case .delta(let id, let baseGeneration, let generation, let operations):
            guard var cluster = clusters[id] else { return .unknownCluster(id) }
            if baseGeneration != cluster.generation { return .generationMismatch(current: cluster.generation) }
            if generation <= baseGeneration { return .staleGeneration(current: cluster.generation) }
            for operation in operations {
                switch operation {
                case .upsert(let export):
                    cluster.exports[export.key] = export
                case .remove(let key):
                    if cluster.exports.removeValue(forKey: key) == nil { return .unknownService(key) }
                case .setReadiness(let key, let address, let ready):
                    guard var export = cluster.exports[key] else { return .unknownService(key) }
                    if !export.endpoints.contains(where: { $0.addresses.contains(address) }) { return .unknownEndpoint(key, address) }
                    for index in export.endpoints.indices where export.endpoints[index].addresses.contains(address) {
                        export.endpoints[index].ready = ready
                    }
                    cluster.exports[key] = export
                }
            }
            if Self.endpointCount(cluster.exports) > settings.maxEndpointsPerCluster {
                return .tooManyEndpoints(limit: settings.maxEndpointsPerCluster)
            }
            cluster.generation = generation
            cluster.leaseExpiry = expiry
            clusters[id] = cluster
        case .heartbeat(let id):
            guard clusters[id] != nil else { return .unknownCluster(id) }
            clusters[id]?.leaseExpiry = expiry
        case .deleteCluster(let id):
            guard clusters.removeValue(forKey: id) != nil else { return .unknownCluster(id) }
        }
        version += 1
        return nil
    }

    /// Lapses every lease due by `now`, counting one version if any lapsed.
    mutating func expireLeases(now: Duration) {
        let due = clusters.filter { $0.value.leaseExpiry.map { $0 <= now } ?? false }.keys
        for id in due {
            clusters[id]?.leaseExpiry = nil
        }
        if !due.isEmpty { version += 1 }
    }

    /// What a restart from storage gives: the same clusters, all stale, at version 1 (0 if empty).
    mutating func restart() {
        for id in clusters.keys {
            clusters[id]?.leaseExpiry = nil
        }
        version = clusters.isEmpty ? 0 : 1
    }

    var nextLeaseExpiry: Duration? {
        clusters.values.compactMap(\.leaseExpiry).min()
    }

    var observation: TableObservation {
        TableObservation(
            version: version,
            clusters: Dictionary(
                uniqueKeysWithValues: clusters.map { id, cluster in
                    (
                        id,
                        ClusterState(
                            id: id, info: cluster.info, generation: cluster.generation, lease: cluster.leaseExpiry == nil ? .stale : .live,
                            leaseExpiry: cluster.leaseExpiry, endpointCount: Self.endpointCount(cluster.exports))
                    )
                }),
            exports: clusters.mapValues(\.exports),
            services: Set(clusters.values.flatMap(\.exports.keys)),
            readyAddresses: clusters.reduce(into: [:]) { result, pair in
                for (key, export) in pair.value.exports {
                    result["\(key)@\(pair.key)"] = Set(export.endpoints.filter(\.ready).flatMap(\.addresses))
                }
            },
            nextLeaseExpiry: nextLeaseExpiry
        )
    }

    private static func endpointCount(_ exports: [ServiceKey: ServiceExport]) -> Int {
        exports.values.reduce(0) { $0 + $1.endpoints.count }
    }
}
