public import DNSWire
public import EndpointTable

/// The zone files and the endpoint table at one moment: what one zone transfer, or one step of
/// the transfer journal, is built from.
public struct TransferState: Sendable {
    public let zones: ZoneSet
    public let table: TableSnapshot

    public init(zones: ZoneSet, table: TableSnapshot) {
        self.zones = zones
        self.table = table
    }

    /// The zone whose origin is `origin`, when it is served.
    public func zone(_ origin: DomainName) -> ZoneIndex? {
        zones.zones.first { $0.origin == origin }
    }
}

/// The synthesised records of a zone that one service's exports decide: the names of one MCS
/// service, of one service name in a global namespace, or the MCS schema version. A table change
/// alters whole groups, so the transfer journal recomputes only the groups a change touched.
public enum TransferGroup: Hashable, Sendable {
    case schemaVersion
    case clusterset(ServiceKey)
    /// The service `name` in the global namespace at `namespace` in the discovery settings.
    case global(namespace: Int, name: String)
}

extension AnswerSource {
    /// The state a transfer would be built from now.
    public func transferState() -> TransferState {
        let (zones, table) = currentState()
        return TransferState(zones: zones, table: table)
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
        transferGroups(of: origin, for: state.table.services.keys)
    }

    /// The groups of the zone at `origin` that exports of the services `keys` feed.
    public func transferGroups(of origin: DomainName, for keys: some Sequence<ServiceKey>) -> [TransferGroup] {
        guard namespaces.touches(zone: origin) else { return [] }
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

    /// The records of `group` in the zone at `origin`, as a client outside every cluster network
    /// would be answered: health rules and fail static applied, every record (no cap, no
    /// rotation). Names the zone file answers itself, or that belong to another zone, are left out.
    public func records(of group: TransferGroup, in origin: DomainName, state: TransferState) -> [ResourceRecord] {
        var records: [ResourceRecord] = []
        for (name, types) in transferNames(of: group, table: state.table) {
            for type in types {
                let lookup = lookUp(
                    name, type: type, client: ClientContext(), rotation: .fixed(0), state: (state.zones, state.table), recordCap: .max)
                guard lookup.zone == origin, lookup.source != .static, case .answer(let sections) = lookup.result else { continue }
                records += sections.answers.filter { $0.type == type && $0.name == name }
            }
        }
        return records
    }

    /// The names `group` can hold and the types each answers.
    private func transferNames(of group: TransferGroup, table: TableSnapshot) -> [(DomainName, [RecordType])] {
        let scope: ServiceScope
        let owner: DomainName?
        switch group {
        case .schemaVersion:
            return settings.clustersetDomain.prepending(labels: "dns-version").map { [($0, [.txt])] } ?? []
        case .clusterset(let key):
            scope = .clusterset(key)
            owner = settings.clustersetDomain.prepending(labels: key.name, key.namespace, "svc")?.lowercased()
        case .global(let index, let name):
            guard settings.globalNamespaces.indices.contains(index) else { return [] }
            let namespace = settings.globalNamespaces[index]
            scope = .global(namespace, name: name)
            owner = namespace.domain.prepending(labels: name)?.lowercased()
        }
        guard let owner else { return [] }
        let candidates = scope.candidates(in: table)
        guard !candidates.isEmpty else { return [] }
        var names: [(DomainName, [RecordType])] = [(owner, [.a, .aaaa])]
        var seen: Set<DomainName> = [owner]
        func add(_ name: DomainName?, _ types: [RecordType]) {
            if let name, seen.insert(name).inserted {
                names.append((name, types))
            }
        }
        for candidate in candidates {
            for port in candidate.export.ports {
                guard let portName = port.name else { continue }
                add(owner.prepending(labels: "_" + portName, "_" + port.portProtocol.rawValue), [.srv])
            }
            if case .clusterset = scope, candidate.isHeadless {
                for endpoint in candidate.export.endpoints where endpoint.ready {
                    guard let hostname = endpoint.hostname else { continue }
                    add(owner.prepending(labels: hostname, candidate.cluster.name), [.a, .aaaa])
                }
            }
        }
        return names
    }
}
