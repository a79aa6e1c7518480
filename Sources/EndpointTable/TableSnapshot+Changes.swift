import HashTreeCollections

extension TableSnapshot {
    /// The snapshot after `change` at lease time `now`, and the write that makes it durable; a
    /// service the change starts exporting gets `exportedAt` as its first-export time.
    /// Pure: a refused change throws and leaves nothing behind.
    func applying(
        _ change: TableChange, now: Duration, exportedAt: Duration, settings: TableSettings
    ) throws(TableError) -> (snapshot: TableSnapshot, write: StoreWrite) {
        var draft = TableDraft(self)
        let write: StoreWrite
        switch change {
        case .snapshot(let id, let generation, let info, let exports, let intended):
            write = try draft.replaceExports(
                of: id, generation: generation, info: info, exports: exports,
                timing: PushTiming(now: now, exportedAt: exportedAt, intended: intended),
                settings: settings)
        case .delta(let id, let baseGeneration, let generation, let operations, let intended):
            write = try draft.editExports(
                of: id, baseGeneration: baseGeneration, generation: generation, operations: operations,
                timing: PushTiming(now: now, exportedAt: exportedAt, intended: intended), settings: settings)
        case .heartbeat(let id):
            guard draft.clusters[id] != nil else { throw .unknownCluster(id) }
            draft.clusters[id]?.renewLease(now: now, settings: settings)
            write = .none
        case .deleteCluster(let id):
            guard draft.clusters.removeValue(forKey: id) != nil else { throw .unknownCluster(id) }
            draft.setExports(nil, of: id, candidates: Set(exports(of: id).keys), exportedAt: { _ in exportedAt })
            write = .deleteCluster(id)
        case .releaseWithdrawals(let id):
            guard draft.clusters[id] != nil else { throw .unknownCluster(id) }
            draft.releaseWithdrawals(of: id) { _ in true }
            write = .none
        }
        return (draft.snapshot(), write)
    }

    /// The snapshot with every lease moved on to `now` (lapsed, expired, or out of its damping
    /// hold; see ``ClusterState/advanceLease(now:settings:)``) and the held withdrawals due by
    /// then applied, or `nil` when nothing changed.
    func advancing(to now: Duration, settings: TableSettings) -> TableSnapshot? {
        var draft = TableDraft(self)
        var changed = false
        for (id, state) in clusters {
            var next = state
            if next.advanceLease(now: now, settings: settings) {
                draft.clusters[id] = next
                changed = true
            }
            if draft.releaseWithdrawals(of: id, where: { $0.releaseAt <= now }) {
                changed = true
            }
        }
        return changed ? draft.snapshot() : nil
    }

    /// When a lease next lapses, expires or leaves its damping hold, or held withdrawals apply.
    func nextDeadline(settings: TableSettings) -> Duration? {
        clusters.values.lazy.compactMap { $0.nextDeadline(settings: settings) }.min()
    }
}

extension TableDraft {
    /// Applies a snapshot: the cluster's exports and info become exactly the ones given.
    fileprivate mutating func replaceExports(
        of id: ClusterID,
        generation: UInt64,
        info: ClusterInfo,
        exports: [ServiceExport],
        timing: PushTiming,
        settings: TableSettings
    ) throws(TableError) -> StoreWrite {
        let current = clusters[id]?.generation ?? 0
        guard generation > current else { throw .staleGeneration(current: current) }
        var byKey: TreeDictionary<ServiceKey, ServiceExport> = [:]
        for export in exports {
            guard byKey.updateValue(export, forKey: export.key) == nil else { throw .duplicateService(export.key) }
        }
        let endpointCount = exports.reduce(0) { $0 + $1.endpoints.count }
        guard endpointCount <= settings.maxEndpointsPerCluster else { throw .tooManyEndpoints(limit: settings.maxEndpointsPerCluster) }

        // A snapshot renews the lease like any push: a returning cluster keeps its lease history, so damping sees its lapses.
        var state =
            clusters[id] ?? ClusterState(id: id, info: info, generation: generation, lease: .live, leaseExpiry: nil, endpointCount: endpointCount)
        (state.info, state.generation, state.endpointCount) = (info, generation, endpointCount)
        state.renewLease(now: timing.now, settings: settings)
        let previous = agentExports(of: id)
        guardWithdrawals(
            byKey, previous: previous, candidates: Set(byKey.keys).union(previous.keys), state: &state, timing: timing, settings: settings)
        clusters[id] = state
        let upserted = exports.sorted { $0.key < $1.key }
        return .save(
            StoredClusterUpdate(
                cluster: id,
                info: info,
                generation: generation,
                previousGeneration: current,
                replaceAll: true,
                upserted: upserted,
                removed: [],
                firstExported: firstExportTimes(of: upserted, by: id)
            ))
    }

    /// Applies a delta: its operations in order on a copy of the cluster's exports.
    fileprivate mutating func editExports(
        of id: ClusterID,
        baseGeneration: UInt64,
        generation: UInt64,
        operations: [DeltaOperation],
        timing: PushTiming,
        settings: TableSettings
    ) throws(TableError) -> StoreWrite {
        guard var state = clusters[id] else { throw .unknownCluster(id) }
        guard baseGeneration == state.generation else { throw .generationMismatch(current: state.generation) }
        guard generation > baseGeneration else { throw .staleGeneration(current: state.generation) }
        let touched = Set(operations.map(\.key))
        let old = agentExports(of: id, keys: touched)
        var edited = old
        for operation in operations {
            try operation.apply(to: &edited)
        }
        let endpointCount = touched.reduce(state.endpointCount) {
            $0 + (edited[$1]?.endpoints.count ?? 0) - (old[$1]?.endpoints.count ?? 0)
        }
        guard endpointCount <= settings.maxEndpointsPerCluster else { throw .tooManyEndpoints(limit: settings.maxEndpointsPerCluster) }

        state.generation = generation
        state.endpointCount = endpointCount
        state.renewLease(now: timing.now, settings: settings)
        guardWithdrawals(edited, previous: old, candidates: touched, state: &state, timing: timing, settings: settings)
        clusters[id] = state
        let sortedKeys = touched.sorted()
        let upserted = sortedKeys.compactMap { edited[$0] != old[$0] ? edited[$0] : nil }
        let removed = sortedKeys.filter { edited[$0] == nil && old[$0] != nil }
        return .save(
            StoredClusterUpdate(
                cluster: id,
                info: state.info,
                generation: generation,
                previousGeneration: baseGeneration,
                replaceAll: false,
                upserted: upserted,
                removed: removed,
                firstExported: firstExportTimes(of: upserted, by: id)
            ))
    }
}

/// When a push happens and how the withdrawal guard takes it.
struct PushTiming {
    /// The lease clock's time.
    var now: Duration
    /// The first-export time of a service the push starts exporting.
    var exportedAt: Duration
    /// The agent means every withdrawal in the push.
    var intended: Bool
}
