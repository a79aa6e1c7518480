internal import DNSWire
internal import EndpointTable

extension DynamicQuery {
    /// Up to how many addresses an answer checks for duplicates by looking through itself.
    static let linearDuplicateSearch = 16

    /// The A or AAAA records of the included candidates in policy order, without duplicates and at
    /// most `maxRecords`: a cluster's service IPs for ClusterSetIP exports, the ready endpoints'
    /// addresses (only those of the host named `host`, when given) for headless ones.
    func addressRecords(
        _ type: RecordType, owner: DomainName, ttl: UInt32, selection: CandidateSelection, host: String? = nil
    ) -> [ResourceRecord] {
        var units: [AnswerUnit] = []
        for (index, candidate) in selection.candidates.enumerated() where candidate.isIncluded {
            let locality = ordering.locality(of: candidate)
            switch candidate.export.kind {
            case .clusterSetIP(let addresses):
                if addresses.contains(where: { $0.answers(type) }) {
                    units.append(AnswerUnit(candidate: index, endpoint: nil, weight: candidate.readyWeight, locality: locality))
                }
            case .headless:
                for (endpointIndex, endpoint) in candidate.export.endpoints.enumerated()
                where endpoint.ready && endpoint.addresses(ofHost: host).contains(where: { $0.answers(type) }) {
                    units.append(AnswerUnit(candidate: index, endpoint: endpointIndex, weight: UInt64(endpoint.weight), locality: locality))
                }
            }
        }
        var addresses: [IPAddress] = []
        // A short answer looks for duplicates in itself; a long one (a zone transfer's) in a set.
        var seen: Set<IPAddress> = []
        units: for unit in ordering.order(units, picks: maxRecords) {
            let export = selection.candidates[unit.candidate].export
            let unitAddresses: [IPAddress] =
                switch export.kind {
                case .clusterSetIP(let serviceIPs): serviceIPs
                case .headless: unit.endpoint.map { export.endpoints[$0].addresses(ofHost: host) } ?? []
                }
            for address in unitAddresses where address.answers(type) {
                if addresses.count < Self.linearDuplicateSearch {
                    guard !addresses.contains(address) else { continue }
                } else {
                    if seen.isEmpty {
                        seen = Set(addresses)
                    }
                    guard seen.insert(address).inserted else { continue }
                }
                addresses.append(address)
                if addresses.count >= maxRecords { break units }
            }
        }
        return addresses.map { ResourceRecord(name: owner, ttl: ttl, rdata: $0.rdata) }
    }

    /// SRV records aiming at the service name itself (MCS ClusterSetIP services and global
    /// namespaces): one per distinct port number `ports` selects (a number under two protocols
    /// once), weighted by the ready endpoints behind it, with the service's addresses, as a query for them would get, in the additional
    /// section.
    func serviceRecords(
        _ service: ServiceReference, ports: PortSelection, selection: CandidateSelection, targetSelection: CandidateSelection
    ) -> LookupResult.Sections {
        var weights: [UInt16: UInt64] = [:]
        var units: [AnswerUnit] = []
        for (index, candidate) in selection.candidates.enumerated() where candidate.isIncluded {
            for number in Set(candidate.matchingPorts(ports).map(\.port)) {
                weights[number, default: 0] += candidate.readyWeight
            }
            units.append(AnswerUnit(candidate: index, endpoint: nil, weight: candidate.readyWeight, locality: ordering.locality(of: candidate)))
        }
        var numbers: [UInt16] = []
        for unit in ordering.order(units, picks: maxRecords) {
            for servicePort in selection.candidates[unit.candidate].matchingPorts(ports) where !numbers.contains(servicePort.port) {
                numbers.append(servicePort.port)
            }
        }
        let answers = numbers.prefix(maxRecords).map { number in
            let srv = SRVRecord(priority: 0, weight: UInt16(clamping: weights[number] ?? 0), port: number, target: service.owner)
            return ResourceRecord(name: name, ttl: service.ttl, rdata: .srv(srv))
        }
        let additionals =
            answers.isEmpty
            ? []
            : [RecordType.a, .aaaa].flatMap {
                addressRecords($0, owner: service.owner, ttl: service.ttl, selection: targetSelection)
            }
        return LookupResult.Sections(answers: answers, additionals: additionals)
    }

    /// SRV records of an MCS headless service (KEP-1645 §2.4.2): one per ready endpoint host (its
    /// hostname, or each address's system-assigned identifier) and port `ports` selects, aiming at
    /// `<host>.<clusterid>.<svc>.<ns>.svc.<clusterset>`, identical records once, with each
    /// target's addresses in the additional section.
    func endpointServiceRecords(_ service: ServiceReference, ports: PortSelection, selection: CandidateSelection) -> LookupResult.Sections {
        var units: [AnswerUnit] = []
        for (index, candidate) in selection.candidates.enumerated() where candidate.isIncluded {
            let locality = ordering.locality(of: candidate)
            for (endpointIndex, endpoint) in candidate.export.endpoints.enumerated() where endpoint.ready {
                units.append(AnswerUnit(candidate: index, endpoint: endpointIndex, weight: UInt64(endpoint.weight), locality: locality))
            }
        }
        var answers: [ResourceRecord] = []
        var seen: Set<ResourceRecord> = []
        var additionals: [ResourceRecord] = []
        units: for unit in ordering.order(units, picks: maxRecords) {
            let candidate = selection.candidates[unit.candidate]
            guard let endpoint = unit.endpoint.map({ candidate.export.endpoints[$0] }) else { continue }
            for (target, addresses) in endpoint.hostNames(in: candidate.cluster, under: service.owner) {
                var added = false
                for servicePort in candidate.matchingPorts(ports) {
                    let srv = SRVRecord(priority: 0, weight: endpoint.weight, port: servicePort.port, target: target)
                    let record = ResourceRecord(name: name, ttl: service.ttl, rdata: .srv(srv))
                    guard seen.insert(record).inserted else { continue }
                    answers.append(record)
                    added = true
                    if answers.count >= maxRecords { break }
                }
                if added {
                    additionals += addresses.ipv4First.map { ResourceRecord(name: target, ttl: service.ttl, rdata: $0.rdata) }
                }
                if answers.count >= maxRecords { break units }
            }
        }
        return LookupResult.Sections(answers: answers, additionals: additionals)
    }
}

extension [IPAddress] {
    /// The IPv4 addresses, then the IPv6 ones, each in their order: a host's A records before its AAAA records.
    var ipv4First: [IPAddress] {
        filter { $0.answers(.a) } + filter { $0.answers(.aaaa) }
    }
}

extension IPAddress {
    /// True when the address is data of `type`: IPv4 for A, IPv6 for AAAA.
    func answers(_ type: RecordType) -> Bool {
        switch self {
        case .v4: type == .a
        case .v6: type == .aaaa
        }
    }
}
