public import DNSWire
public import EndpointTable

/// The zone files and the endpoint table at one moment: what one zone transfer, or one step of
/// the transfer journal, is built from.
public struct TransferState: Sendable {
    public let zones: ZoneSet
    public let table: TableSnapshot
    /// The services exporting each address of `table`, when a reverse zone is served (else empty).
    let addressIndex: AddressIndex

    /// The zone whose origin is `origin`, when it is served.
    public func zone(_ origin: DomainName) -> ZoneIndex? {
        zones.zones.first { $0.origin == origin }
    }
}

/// The synthesised records of a zone that one service's exports decide: the names of one MCS
/// service, of one service name in a global namespace, or the MCS schema version; in a reverse
/// zone, the PTR records of one address, which the services exporting it decide. A table change
/// alters whole groups, so the transfer journal recomputes only the groups a change touched.
public enum TransferGroup: Hashable, Sendable {
    case schemaVersion
    case clusterset(ServiceKey)
    /// The service `name` in the global namespace at `namespace` in the discovery settings.
    case global(namespace: Int, name: String)
    case reverse(IPAddress)
}

extension AnswerSource {
    /// The state a transfer would be built from now.
    public func transferState() -> TransferState {
        let (zones, table) = currentState()
        let servesReverseZone = zones.zones.contains { DynamicNamespaces.isReverse(zone: $0.origin) }
        return TransferState(zones: zones, table: table, addressIndex: servesReverseZone ? addressIndex(for: table) : AddressIndex(snapshot: .empty))
    }

    /// The apex SOA of the zone at `origin` as answers carry it (a zone with synthesised names
    /// advances its serial with the table), or `nil` when no such zone is served.
    public func soa(of origin: DomainName, in state: TransferState) -> ResourceRecord? {
        guard let zone = state.zone(origin) else { return nil }
        guard namespaces.touches(zone: origin) else { return zone.soa }
        return zone.soa.advancingSerial(by: UInt32(truncatingIfNeeded: state.table.answerVersion))
    }

    /// Every record of the zone file at `origin` but the apex SOA, glue included.
    public func staticRecords(of origin: DomainName, in state: TransferState) -> [ResourceRecord] {
        guard let zone = state.zone(origin) else { return [] }
        return zone.nodes.sorted { $0.key.description < $1.key.description }.flatMap { name, node in
            node.rrsets.sorted { $0.key.rawValue < $1.key.rawValue }.flatMap { type, records in
                name == origin && type == .soa ? [] : records
            }
        }
    }

    /// The groups of synthesised records the zone at `origin` may hold in `state`.
    public func transferGroups(of origin: DomainName, in state: TransferState) -> [TransferGroup] {
        transferGroups(of: origin, for: state.table.services.keys, in: [state])
    }

    /// The groups of the zone at `origin` that exports of the services `keys` feed in any of
    /// `states`: for a reverse zone, the addresses in it they export.
    public func transferGroups(of origin: DomainName, for keys: some Sequence<ServiceKey>, in states: [TransferState]) -> [TransferGroup] {
        guard namespaces.touches(zone: origin) else { return [] }
        if DynamicNamespaces.isReverse(zone: origin) {
            guard let zonePrefix = ReverseName(origin) else { return [] }
            var addresses: Set<IPAddress> = []
            for key in keys {
                for state in states {
                    guard let entry = state.table.services[key] else { continue }
                    addresses.formUnion(AddressIndex.addresses(of: entry).filter(zonePrefix.isPrefix(of:)))
                }
            }
            return addresses.sorted().map(TransferGroup.reverse)
        }
        var groups: [TransferGroup] = [.schemaVersion]
        var seen: Set<TransferGroup> = []
        for key in keys {
            groups.append(.clusterset(key))
            for (index, namespace) in settings.globalNamespaces.enumerated()
            where namespace.members.contains(where: { $0.namespace == key.namespace }) {
                let group = TransferGroup.global(namespace: index, name: key.name)
                if seen.insert(group).inserted {
                    groups.append(group)
                }
            }
        }
        return groups
    }

    /// The records of `groups` in the zone at `origin`, as a client outside every cluster network
    /// would be answered: health rules and fail static applied, every record (no cap, no
    /// rotation). Names the zone file answers itself, or that belong to another zone, are left out.
    public func records(of groups: [TransferGroup], in origin: DomainName, state: TransferState) -> [ResourceRecord] {
        var records: [ResourceRecord] = []
        var addresses: [IPAddress] = []
        for group in groups {
            if case .reverse(let address) = group {
                addresses.append(address)
            } else {
                records += self.records(of: group, in: origin, state: state)
            }
        }
        return records + reverseRecords(of: addresses, in: origin, state: state)
    }

    /// The PTR records of `addresses` in the reverse zone at `origin`, each service exporting
    /// them looked at once, however many of its addresses are asked for.
    private func reverseRecords(of addresses: [IPAddress], in origin: DomainName, state: TransferState) -> [ResourceRecord] {
        guard !addresses.isEmpty, let zone = state.zone(origin) else { return [] }
        let reverseTargets = ReverseTargets(snapshot: state.table, settings: settings, viewer: .everyone)
        var byService: [ServiceKey: [IPAddress: [ReverseTargets.Target]]] = [:]
        var records: [ResourceRecord] = []
        for address in addresses {
            let owner = ReverseName(address: address).name
            guard state.zones.zone(for: owner)?.origin == origin, case .nameError(let found) = zone.lookup(owner, type: .ptr), found.answers.isEmpty
            else { continue }
            let targets = state.addressIndex.services(exporting: address).flatMap { key in
                if byService[key] == nil {
                    byService[key] = reverseTargets.targets(of: key)
                }
                return byService[key]?[address] ?? []
            }
            records += reverseTargets.records(at: owner, naming: targets)
        }
        return records
    }

    /// The records of the forward group `group` in the zone at `origin`.
    private func records(of group: TransferGroup, in origin: DomainName, state: TransferState) -> [ResourceRecord] {
        guard let names = transferNames(of: group, table: state.table) else { return [] }
        var records: [ResourceRecord] = []
        var ownerIsDynamic = false
        for (name, types) in names.lookedUp {
            for type in types {
                let lookup = lookUp(
                    name, type: type, client: ClientContext(), rotation: .fixed(0), state: (state.zones, state.table), recordCap: .max,
                    viewer: .everyone)
                guard lookup.zone == origin, lookup.source != .static else { continue }
                ownerIsDynamic = ownerIsDynamic || name == names.owner
                guard case .answer(let sections) = lookup.result else { continue }
                records += sections.answers.filter { $0.type == type && $0.name == name }
            }
        }
        return ownerIsDynamic ? records + names.hostRecords : records
    }

    /// The names of one group: those looked up one by one with the types each answers, and the
    /// records of the per-endpoint names of a headless MCS service, made at once (one lookup per
    /// endpoint would scan every endpoint each time).
    private struct TransferNames {
        var owner: DomainName
        var lookedUp: [(DomainName, [RecordType])]
        var hostRecords: [ResourceRecord]
    }

    /// The names `group` can hold in `table`; `nil` when nothing exports it.
    private func transferNames(of group: TransferGroup, table: TableSnapshot) -> TransferNames? {
        let scope: ServiceScope
        let owner: DomainName?
        let ttl: UInt32
        switch group {
        case .schemaVersion:
            return settings.clustersetDomain.prepending(labels: "dns-version").map {
                TransferNames(owner: $0, lookedUp: [($0, [.txt])], hostRecords: [])
            }
        case .clusterset(let key):
            scope = .clusterset(key)
            owner = settings.clustersetDomain.prepending(labels: key.name, key.namespace, "svc")?.lowercased()
            ttl = settings.clustersetTTL
        case .reverse:
            return nil
        case .global(let index, let name):
            guard settings.globalNamespaces.indices.contains(index) else { return nil }
            let namespace = settings.globalNamespaces[index]
            scope = .global(namespace, name: name)
            owner = namespace.domain.prepending(labels: name)?.lowercased()
            ttl = namespace.ttl
        }
        guard let owner else { return nil }
        let candidates = scope.candidates(in: table, rules: settings.candidateRules(for: .everyone))
        guard !candidates.isEmpty else { return nil }
        var names = TransferNames(owner: owner, lookedUp: [(owner, [.a, .aaaa, .srv])], hostRecords: [])
        var seen: Set<DomainName> = [owner]
        for candidate in candidates {
            for port in candidate.export.ports {
                guard let portName = port.name, let name = owner.prepending(labels: "_" + portName, "_" + port.portProtocol.rawValue),
                    seen.insert(name).inserted
                else { continue }
                names.lookedUp.append((name, [.srv]))
            }
            if case .clusterset = scope {
                names.hostRecords += hostRecords(of: candidate, owner: owner, ttl: ttl)
            }
        }
        return names
    }

    /// The A and AAAA records of the per-endpoint names of `candidate`, as
    /// `<host>.<clusterid>.<svc>.<ns>.svc.<clusterset>` answers them: every ready endpoint of a
    /// headless export of the service's kind, whatever its cluster's lease (alone under its
    /// cluster's name, an endpoint answers from a stale cluster too), each address once.
    private func hostRecords(of candidate: ServiceCandidate, owner: DomainName, ttl: UInt32) -> [ResourceRecord] {
        guard candidate.isHeadless, !candidate.isLeftOut else { return [] }
        var records: [ResourceRecord] = []
        var seen: Set<ResourceRecord> = []
        for host in candidate.readyHostNames(under: owner) {
            for address in host.addresses.ipv4First {
                let record = ResourceRecord(name: host.name, ttl: ttl, rdata: address.rdata)
                if seen.insert(record).inserted {
                    records.append(record)
                }
            }
        }
        return records
    }
}
