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
        /// The withdrawals the guard holds, by service.
        var held: [ServiceKey: HeldWithdrawal] = [:]

        /// What is answered for `key`: the agent's export, or while a withdrawal is held, the
        /// agent's export (or the former one emptied) without the held endpoints' addresses, then
        /// the held endpoints.
        func answered(_ key: ServiceKey) -> ServiceExport? {
            guard let hold = held[key] else { return exports[key] }
            var export = exports[key] ?? hold.formerExport
            if exports[key] == nil {
                export.endpoints = []
            }
            let heldAddresses = hold.endpoints.map(\.addresses)
            export.endpoints = export.endpoints.filter { !heldAddresses.contains($0.addresses) } + hold.endpoints
            return export
        }

        var answeredExports: [ServiceKey: ServiceExport] {
            Dictionary(uniqueKeysWithValues: Set(exports.keys).union(held.keys).compactMap { key in answered(key).map { (key, $0) } })
        }

        var readyCount: Int { exports.values.reduce(0) { $0 + $1.endpoints.count(where: \.ready) } }

        /// The guard on a push from `old` to the current exports that may differ in `keys`: an
        /// intended push drops every hold; otherwise held endpoints ready again leave their hold;
        /// then if the push withdraws more than the share of `old`'s ready endpoints or leaves a
        /// service with none ready, each withdrawn endpoint joins its service's hold (a new hold
        /// ends `hold` from `now` and remembers what was answered before).
        mutating func guardWithdrawals(from old: Cluster, keys: Set<ServiceKey>, intended: Bool, now: Duration, settings: TableSettings) {
            if intended {
                held = [:]
            }
            for key in keys where held[key] != nil {
                let readyNow = exports[key]?.endpoints.filter(\.ready).map(\.addresses) ?? []
                held[key]?.agentExport = exports[key]
                held[key]?.endpoints.removeAll { readyNow.contains($0.addresses) }
                if held[key]?.endpoints.isEmpty == true {
                    held[key] = nil
                }
            }
            var withdrawn: [ServiceKey: [Endpoint]] = [:]
            var leavesNoneReady = false
            for key in keys {
                guard let before = old.exports[key] else { continue }
                if let after = exports[key], after.kind.isHeadless != before.kind.isHeadless { continue }
                let readyNow = exports[key]?.endpoints.filter(\.ready).map(\.addresses) ?? []
                let gone = before.endpoints.filter { $0.ready && !readyNow.contains($0.addresses) }
                if gone.isEmpty { continue }
                withdrawn[key] = gone
                leavesNoneReady = leavesNoneReady || readyNow.isEmpty
            }
            let count = withdrawn.values.reduce(0) { $0 + $1.count }
            guard let rule = settings.withdrawalGuard, !intended, count > 0,
                leavesNoneReady || Double(count) > rule.share * Double(old.readyCount)
            else { return }
            for (key, endpoints) in withdrawn {
                if held[key] != nil {
                    held[key]?.endpoints += endpoints
                } else {
                    held[key] = HeldWithdrawal(
                        agentExport: exports[key], formerExport: old.answered(key)!, endpoints: endpoints, releaseAt: now + rule.hold)
                }
            }
        }

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
        case .snapshot(let id, let generation, let info, let exports, let intended):
            let current = clusters[id]?.generation ?? 0
            if generation <= current { return .staleGeneration(current: current) }
            var byKey: [ServiceKey: ServiceExport] = [:]
            for export in exports {
                if byKey[export.key] != nil { return .duplicateService(export.key) }
                byKey[export.key] = export
            }
            if Self.endpointCount(byKey) > settings.maxEndpointsPerCluster { return .tooManyEndpoints(limit: settings.maxEndpointsPerCluster) }
            let old = clusters[id] ?? Cluster(info: info, generation: generation, exports: [:], leaseExpiry: nil, lease: .stale)
            var cluster = old
            (cluster.info, cluster.generation, cluster.exports) = (info, generation, byKey)
            cluster.renew(now: now, settings: settings)
            cluster.guardWithdrawals(
                from: old, keys: Set(byKey.keys).union(old.exports.keys), intended: intended, now: now, settings: settings)
            clusters[id] = cluster
        case .delta(let id, let baseGeneration, let generation, let operations, let intended):
            guard var cluster = clusters[id] else { return .unknownCluster(id) }
            let old = cluster
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
            cluster.guardWithdrawals(from: old, keys: Set(operations.map(Self.key)), intended: intended, now: now, settings: settings)
            clusters[id] = cluster
        case .heartbeat(let id):
            guard clusters[id] != nil else { return .unknownCluster(id) }
            clusters[id]?.renew(now: now, settings: settings)
        case .deleteCluster(let id):
            guard clusters.removeValue(forKey: id) != nil else { return .unknownCluster(id) }
        case .releaseWithdrawals(let id):
            guard clusters[id] != nil else { return .unknownCluster(id) }
            clusters[id]?.held = [:]
        }
        version += 1
        return nil
    }

    /// The service a delta operation edits.
    static func key(_ operation: DeltaOperation) -> ServiceKey {
        switch operation {
        case .upsert(let export): export.key
        case .remove(let key), .setReadiness(let key, _, _): key
        }
    }

    /// Runs the timer at `now` on every cluster (leases, then held withdrawals due by `now`
    /// dropped), counting one version if any changed.
    mutating func advance(now: Duration) {
        let before = clusters.mapValues { "\([$0.lease.rawValue, "\($0.leaseExpiry as Any)", "\($0.heldUntil as Any)", "\($0.lapses)"]) \($0.held)" }
        for id in clusters.keys {
            clusters[id]?.tick(now: now, settings: settings)
            if let held = clusters[id]?.held {
                clusters[id]?.held = held.filter { $0.value.releaseAt > now }
            }
        }
        if clusters.mapValues({ "\([$0.lease.rawValue, "\($0.leaseExpiry as Any)", "\($0.heldUntil as Any)", "\($0.lapses)"]) \($0.held)" }) != before
        {
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
            clusters[id]?.held = [:]
        }
        version = clusters.isEmpty ? 0 : 1
    }

    /// When the timer next changes something: a live or held lease running out, a hold ending,
    /// a stale cluster expiring, held withdrawals due.
    var nextLeaseExpiry: Duration? {
        clusters.values.compactMap { cluster -> Duration? in
            let release = cluster.held.values.map(\.releaseAt).min()
            let lease: Duration? =
                switch cluster.lease {
                case .live: cluster.leaseExpiry
                case .stale where cluster.heldUntil != nil: [cluster.heldUntil, cluster.leaseExpiry].compactMap { $0 }.min()
                case .stale: settings.expireAfter.flatMap { after in cluster.staleSince.map { $0 + after } }
                case .expired: nil
                }
            return [lease, release].compactMap { $0 }.min()
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
                            endpointCount: Self.endpointCount(cluster.exports), readyEndpointCount: cluster.readyCount,
                            staleSince: cluster.staleSince, lapses: cluster.lapses, heldUntil: cluster.heldUntil, heldWithdrawals: cluster.held)
                    )
                }),
            exports: clusters.mapValues(\.answeredExports),
            services: Set(clusters.values.flatMap(\.answeredExports.keys)),
            readyAddresses: clusters.reduce(into: [:]) { result, pair in
                for (key, export) in pair.value.answeredExports {
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
