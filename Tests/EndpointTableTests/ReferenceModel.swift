import EndpointTable

/// The table's rules restated over plain dictionaries, as directly as they can be written, for
/// the model-based test to compare against.
struct ReferenceModel {
    struct Cluster {
        var info: ClusterInfo
        var generation: UInt64
        var exports: [ServiceKey: ServiceExport]
        /// When the lease runs out: set by every renewal, `nil` once it lapsed (or the cluster was restored).
        var leaseExpiry: Duration?
        var lease = LeaseState.live
        /// When it turned stale; `nil` while live.
        var staleSince: Duration?
        /// When its lease lapsed: the last `damping.lapses` within the damping window (none without damping).
        var lapses: [Duration] = []
        /// When a cluster damping holds turns live if it keeps renewing.
        var heldUntil: Duration?

        /// A renewal at `now`: live again, unless it lapsed `damping.lapses` times within the window,
        /// which holds it stale for `damping.hold`; a held cluster's renewal only extends its lease.
        mutating func renew(now: Duration, settings: TableSettings) {
            leaseExpiry = now + settings.leaseDuration + settings.leaseGrace
            guard lease != .live, heldUntil == nil else { return }
            if let damping = settings.damping, lapses.count(where: { now - $0 < damping.window }) >= damping.lapses {
                heldUntil = now + damping.hold
                lease = .stale
            } else {
                lease = .live
                staleSince = nil
            }
        }

        /// The timer at `now`: a lease that ran out (live or held) lapses; else a hold that ran its
        /// course ends live; then a cluster stale for `expireAfter` (and not held) is expired.
        mutating func tick(now: Duration, settings: TableSettings) {
            if let expiry = leaseExpiry, expiry <= now, lease == .live || heldUntil != nil {
                if lease == .live { staleSince = expiry }
                lease = .stale
                leaseExpiry = nil
                heldUntil = nil
                if let damping = settings.damping {
                    lapses = Array((lapses.filter { now - $0 < damping.window } + [expiry]).suffix(damping.lapses))
                }
            } else if let held = heldUntil, held <= now {
                lease = .live
                staleSince = nil
                heldUntil = nil
            }
            if lease == .stale, heldUntil == nil, let after = settings.expireAfter, let since = staleSince, since + after <= now {
                lease = .expired
            }
        }
    }

    let settings: TableSettings
    var clusters: [ClusterID: Cluster] = [:]
    var version: UInt64 = 0

    /// Applies `change` at lease time `now` and returns its refusal, or `nil` when accepted.
    mutating func apply(_ change: TableChange, now: Duration) -> TableError? {
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
            var cluster = clusters[id] ?? Cluster(info: info, generation: generation, exports: byKey, leaseExpiry: nil, lease: .stale)
            (cluster.info, cluster.generation, cluster.exports) = (info, generation, byKey)
            cluster.renew(now: now, settings: settings)
            clusters[id] = cluster
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
            cluster.renew(now: now, settings: settings)
            clusters[id] = cluster
        case .heartbeat(let id):
            guard clusters[id] != nil else { return .unknownCluster(id) }
            clusters[id]?.renew(now: now, settings: settings)
        case .deleteCluster(let id):
            guard clusters.removeValue(forKey: id) != nil else { return .unknownCluster(id) }
        }
        version += 1
        return nil
    }

    /// Runs the lease timer at `now` on every cluster, counting one version if any changed.
    mutating func expireLeases(now: Duration) {
        let before = clusters.mapValues { [$0.lease.rawValue, "\($0.leaseExpiry as Any)", "\($0.heldUntil as Any)", "\($0.lapses)"] }
        for id in clusters.keys {
            clusters[id]?.tick(now: now, settings: settings)
        }
        if clusters.mapValues({ [$0.lease.rawValue, "\($0.leaseExpiry as Any)", "\($0.heldUntil as Any)", "\($0.lapses)"] }) != before {
            version += 1
        }
    }

    /// What a restart at `now` from storage gives: the same clusters, all stale since `now` with
    /// no lapse remembered, at version 1 (0 if empty).
    mutating func restart(now: Duration) {
        for id in clusters.keys {
            clusters[id]?.leaseExpiry = nil
            clusters[id]?.lease = .stale
            clusters[id]?.staleSince = now
            clusters[id]?.lapses = []
            clusters[id]?.heldUntil = nil
        }
        version = clusters.isEmpty ? 0 : 1
    }

    /// When the timer next changes something: a live or held lease running out, a hold ending,
    /// a stale cluster expiring.
    var nextLeaseExpiry: Duration? {
        clusters.values.compactMap { cluster -> Duration? in
            switch cluster.lease {
            case .live: return cluster.leaseExpiry
            case .stale where cluster.heldUntil != nil: return [cluster.heldUntil, cluster.leaseExpiry].compactMap { $0 }.min()
            case .stale: return settings.expireAfter.flatMap { after in cluster.staleSince.map { $0 + after } }
            case .expired: return nil
            }
        }.min()
    }

    var observation: TableObservation {
        TableObservation(
            version: version,
            clusters: Dictionary(
                uniqueKeysWithValues: clusters.map { id, cluster in
                    (
                        id,
                        ClusterState(
                            id: id, info: cluster.info, generation: cluster.generation, lease: cluster.lease, leaseExpiry: cluster.leaseExpiry,
                            endpointCount: Self.endpointCount(cluster.exports), staleSince: cluster.staleSince, lapses: cluster.lapses,
                            heldUntil: cluster.heldUntil)
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
