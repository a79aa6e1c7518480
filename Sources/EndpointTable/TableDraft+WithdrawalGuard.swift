import HashTreeCollections

extension TableDraft {
    /// What cluster `id`'s agent exports (see ``TableSnapshot/pushedExports(of:)``): every
    /// service, or only those in `keys` when given, so that a delta costs what it touches.
    func agentExports(of id: ClusterID, keys: Set<ServiceKey>? = nil) -> TreeDictionary<ServiceKey, ServiceExport> {
        let answered = exportsByCluster[id] ?? [:]
        let holds = clusters[id]?.heldWithdrawals ?? [:]
        guard let keys else {
            return TableSnapshot.pushedExports(answered: answered, holds: holds)
        }
        var exports: TreeDictionary<ServiceKey, ServiceExport> = [:]
        for key in keys {
            exports[key] = holds[key].map(\.agentExport) ?? answered[key]
        }
        return exports
    }

    /// Makes the `candidates` what `state`'s agent exports (`agentExports`, after `previous`;
    /// both hold at least the candidates), and answers them through the withdrawal guard (see
    /// ``WithdrawalGuard``): the push's withdrawals are held when it withdraws too much, unless
    /// it is intended, which releases every held one; held endpoints the agent reports ready
    /// again are let go. Costs what the candidates cost, and the holds only when intended.
    mutating func guardWithdrawals(
        _ agentExports: TreeDictionary<ServiceKey, ServiceExport>,
        previous: TreeDictionary<ServiceKey, ServiceExport>,
        candidates: Set<ServiceKey>,
        state: inout ClusterState,
        timing: PushTiming,
        settings: TableSettings
    ) {
        let id = state.id
        let formerlyHeld = state.heldWithdrawals
        var holds = timing.intended ? [:] : formerlyHeld
        for key in candidates {
            if let held = holds[key] {
                holds[key] = held.following(agentExports[key])
            }
        }
        if let withdrawalGuard = settings.withdrawalGuard, !timing.intended,
            case let withdrawn = Self.withdrawals(from: previous, to: agentExports, in: candidates),
            withdrawalGuard.trips(on: withdrawn, readyBefore: state.readyEndpointCount)
        {
            let answered = exportsByCluster[id] ?? [:]
            for (key, endpoints) in withdrawn.endpoints {
                if var held = holds[key] {
                    held.endpoints += endpoints
                    holds[key] = held
                } else if let former = answered[key] ?? previous[key] {
                    holds[key] = HeldWithdrawal(
                        agentExport: agentExports[key], formerExport: former, endpoints: endpoints, releaseAt: timing.now + withdrawalGuard.hold)
                }
            }
        }
        state.readyEndpointCount += candidates.reduce(0) {
            $0 + (agentExports[$1]?.readyEndpointCount ?? 0) - (previous[$1]?.readyEndpointCount ?? 0)
        }
        state.heldWithdrawals = holds
        let released = timing.intended ? Set(formerlyHeld.keys).subtracting(candidates) : []
        var answered = exportsByCluster[id] ?? [:]
        for key in candidates {
            answered[key] = holds[key]?.answeredExport ?? agentExports[key]
        }
        for key in released {
            answered[key] = formerlyHeld[key]?.agentExport
        }
        setExports(answered, of: id, candidates: candidates.union(released), exportedAt: { _ in timing.exportedAt })
    }

    /// Applies now the held withdrawals of cluster `id` that `due` picks; true when there were any.
    @discardableResult
    mutating func releaseWithdrawals(of id: ClusterID, where due: (HeldWithdrawal) -> Bool) -> Bool {
        guard var state = clusters[id] else { return false }
        let released = state.heldWithdrawals.filter { due($0.value) }
        guard !released.isEmpty else { return false }
        var answered = exportsByCluster[id] ?? [:]
        for (key, held) in released {
            answered[key] = held.agentExport
            state.heldWithdrawals[key] = nil
        }
        clusters[id] = state
        setExports(answered, of: id, candidates: Set(released.keys), exportedAt: { _ in .zero })
        return true
    }

    /// The ready endpoints each service in `keys` had in `previous` and no longer has ready in
    /// `next`; a service whose kind changed is a new export, not a withdrawal.
    private static func withdrawals(
        from previous: TreeDictionary<ServiceKey, ServiceExport>, to next: TreeDictionary<ServiceKey, ServiceExport>, in keys: Set<ServiceKey>
    ) -> Withdrawals {
        var withdrawn = Withdrawals()
        for key in keys {
            guard let old = previous[key], old.hasReadyEndpoint else { continue }
            let new = next[key]
            if let new, new == old || new.kind.isHeadless != old.kind.isHeadless { continue }
            let stillReady = new?.readyAddressSets ?? []
            let gone = old.endpoints.filter { $0.ready && !stillReady.contains($0.addresses) }
            guard !gone.isEmpty else { continue }
            withdrawn.endpoints[key] = gone
            withdrawn.count += gone.count
            withdrawn.emptiesAService = withdrawn.emptiesAService || stillReady.isEmpty
        }
        return withdrawn
    }
}

/// The ready endpoints one push withdraws, by service.
struct Withdrawals {
    var endpoints: [ServiceKey: [Endpoint]] = [:]
    var count = 0
    /// True when some service is left without a ready endpoint.
    var emptiesAService = false
}

extension WithdrawalGuard {
    /// True when `withdrawn` takes more than the share of `readyBefore`, or every ready endpoint
    /// of a service.
    func trips(on withdrawn: Withdrawals, readyBefore: Int) -> Bool {
        withdrawn.count > 0 && (withdrawn.emptiesAService || Double(withdrawn.count) > share * Double(readyBefore))
    }
}
