internal import DNSWire
internal import EndpointTable

/// The names served addresses answer to, for their PTR records (KEP-1645 §2.3.3, §2.4.3): every
/// name whose address answer holds the address now, as a client outside every cluster network is
/// answered (health rules and fail static alike), among the exports the viewer may see. A clusterSetIP service's IP answers to
/// `<svc>.<ns>.svc.<clusterset>`, a headless endpoint's address to
/// `<host>.<clusterid>.<svc>.<ns>.svc.<clusterset>`, and either to the `<svc>.<domain>` of every
/// global namespace whose answer holds it.
struct ReverseTargets {
    /// One name an address answers to.
    struct Target {
        let name: DomainName
        let ttl: UInt32
        /// The clusters behind it whose leases lapsed (fail static); empty when all are live.
        let staleClusters: [ClusterID]
    }

    let snapshot: TableSnapshot
    let settings: DiscoverySettings
    /// Who asks, for the exports' visibility.
    let viewer: Viewer

    /// The targets of the names of `key`, by address (only `address`'s when given): its MCS
    /// names first, then its global-namespace names.
    func targets(of key: ServiceKey, only address: IPAddress? = nil) -> [IPAddress: [Target]] {
        var targets: [IPAddress: [Target]] = [:]
        addClustersetTargets(of: key, only: address, to: &targets)
        for namespace in settings.globalNamespaces where namespace.members.contains(where: { $0.namespace == key.namespace }) {
            addGlobalTargets(of: key, in: namespace, only: address, to: &targets)
        }
        return targets
    }

    /// The PTR records at `owner` naming `targets` (each name once, at most `limit`), the TTL of
    /// a stale one capped at the settings' `staleAnswerTTL`.
    func records(at owner: DomainName, naming targets: [Target], limit: Int = .max) -> [ResourceRecord] {
        var seen: Set<DomainName> = []
        return targets.filter { seen.insert($0.name).inserted }.prefix(limit).map { target in
            let ttl = target.staleClusters.isEmpty ? target.ttl : min(target.ttl, settings.staleAnswerTTL)
            return ResourceRecord(name: owner, ttl: ttl, rdata: .ptr(target.name))
        }
    }

    /// A clusterSetIP service's name for each service IP of the clusters its health rules let
    /// in; a headless service's per-endpoint names for each ready endpoint of its kind (alone
    /// under its cluster's name, an endpoint answers from a stale cluster too).
    private func addClustersetTargets(of key: ServiceKey, only address: IPAddress?, to targets: inout [IPAddress: [Target]]) {
        let scope = ServiceScope.clusterset(key)
        let candidates = scope.candidates(in: snapshot, rules: settings.candidateRules(for: viewer))
        let ttl = settings.clustersetTTL
        guard scope.exists(candidates), let owner = settings.clustersetDomain.prepending(labels: key.name, key.namespace, "svc")?.lowercased()
        else { return }
        guard scope.isClustersetHeadless(candidates) else {
            addServiceTargets(owner: owner, ttl: ttl, selection: CandidateSelection(candidates), only: address, to: &targets) { _ in true }
            return
        }
        for candidate in candidates where candidate.isHeadless && !candidate.isLeftOut {
            let staleClusters = candidate.lease == .live ? [] : [candidate.cluster]
            for host in candidate.readyHostNames(under: owner) {
                for hostAddress in host.addresses where address == nil || hostAddress == address {
                    targets[hostAddress, default: []].append(Target(name: host.name, ttl: ttl, staleClusters: staleClusters))
                }
            }
        }
    }

    /// `<svc>.<domain>` of `namespace` for each address its answer holds from an export of `key`'s namespace.
    private func addGlobalTargets(
        of key: ServiceKey, in namespace: GlobalNamespace, only address: IPAddress?, to targets: inout [IPAddress: [Target]]
    ) {
        guard let owner = namespace.domain.prepending(labels: key.name)?.lowercased() else { return }
        let selection = CandidateSelection(
            ServiceScope.global(namespace, name: key.name).candidates(in: snapshot, rules: settings.candidateRules(for: viewer)))
        addServiceTargets(owner: owner, ttl: namespace.ttl, selection: selection, only: address, to: &targets) {
            $0.namespace == key.namespace
        }
    }

    /// `owner` for each address a service-name answer from `selection` holds (service IPs, or
    /// ready headless endpoints' addresses) from the included candidates `belongs` picks; a
    /// target answered by a stale cluster names it.
    private func addServiceTargets(
        owner: DomainName, ttl: UInt32, selection: CandidateSelection, only address: IPAddress?, to targets: inout [IPAddress: [Target]],
        belongs: (ServiceCandidate) -> Bool
    ) {
        var found: [IPAddress: [ClusterID]] = [:]
        var order: [IPAddress] = []
        for candidate in selection.candidates where candidate.isIncluded && belongs(candidate) {
            let addresses: [IPAddress] =
                switch candidate.export.kind {
                case .clusterSetIP(let serviceIPs): serviceIPs
                case .headless: candidate.export.endpoints.filter(\.ready).flatMap(\.addresses)
                }
            for served in addresses where address == nil || served == address {
                if found[served] == nil { order.append(served) }
                found[served, default: []] += candidate.status == .failStatic ? [candidate.cluster] : []
            }
        }
        for served in order {
            targets[served, default: []].append(Target(name: owner, ttl: ttl, staleClusters: found[served] ?? []))
        }
    }
}
