public import DNSWire

extension ZoneIndex {
    /// Longest CNAME chain followed inside one zone before giving up with what was found.
    static let maxCNAMEChain = 8

    /// The types that live beside a CNAME at its owner (RFC 4035 §2.5): a query for them is never
    /// sent on along the CNAME.
    static let typesBesideCNAME: Set<RecordType> = [.nsec, .rrsig]

    /// Answers `type` for `name`, which must be at or below the origin (RFC 1034 §4.3.2, RFC 4592,
    /// RFC 8482). A CNAME chain ending without data of the type carries the SOA (RFC 2308 §2.2);
    /// DS at a delegation point is the parent's, answered here (RFC 4035 §3.1.4.1).
    public func lookup(_ name: DomainName, type: RecordType) -> LookupResult {
        var answers: [ResourceRecord] = []
        var current = name
        for _ in 0...Self.maxCNAMEChain {
            if let referral = referral(for: current, type: type) {
                return answers.isEmpty ? .referral(referral) : .answer(LookupResult.Sections(answers: answers))
            }
            guard let (node, owner) = resolve(current) else {
                return .nameError(LookupResult.Sections(answers: answers, authorities: [negativeSOA]))
            }
            if type == .any, let rrset = node.minimalAnyRRset {
                answers += rrset.map { $0.renamed(owner) }
                return .answer(LookupResult.Sections(answers: answers, additionals: additionals(for: rrset)))
            }
            if let rrset = node.rrsets[type] {
                answers += rrset.map { $0.renamed(owner) }
                return .answer(LookupResult.Sections(answers: answers, additionals: additionals(for: rrset)))
            }
            guard !Self.typesBesideCNAME.contains(type), let cname = node.rrsets[.cname]?.first, case .cname(let target) = cname.rdata
            else {
                return answers.isEmpty
                    ? .noData(LookupResult.Sections(authorities: [negativeSOA]))
                    : .answer(LookupResult.Sections(answers: answers, authorities: [negativeSOA]))
            }
            answers.append(cname.renamed(owner))
            guard target.isSubdomain(of: origin), !answers.contains(where: { $0.name == target }) else {
                return .answer(LookupResult.Sections(answers: answers))
            }
            current = target
        }
        return .answer(LookupResult.Sections(answers: answers))
    }

    /// The node answering for `name`: its own, or the wildcard of its closest encloser (RFC 4592 §3.3),
    /// paired with the owner to put on synthesized records.
    private func resolve(_ name: DomainName) -> (Node, DomainName)? {
        if let node = nodes[name] {
            return (node, name)
        }
        var encloser = name.parent
        while let candidate = encloser, candidate.isSubdomain(of: origin) {
            if nodes[candidate] != nil {
                guard let wildcard = candidate.wildcard, let node = nodes[wildcard] else { return nil }
                return (node, name)
            }
            encloser = candidate.parent
        }
        return nil
    }

    /// The referral for `name` when it is at or below a delegation point (an NS RRset below the
    /// apex); DS at the delegation point itself is no referral.
    private func referral(for name: DomainName, type: RecordType) -> LookupResult.Sections? {
        let apexLabels = origin.labelCount
        let nameLabels = name.labelCount - (type == .ds ? 1 : 0)
        guard nameLabels > apexLabels else { return nil }
        for labels in (apexLabels + 1)...nameLabels {
            let cut = name.suffix(labels: labels)
            if let ns = nodes[cut]?.rrsets[.ns] {
                return LookupResult.Sections(authorities: ns, additionals: addresses(of: ns))
            }
        }
        return nil
    }

    /// Address records this zone holds for the targets of `rrset` (glue, SRV and MX targets).
    private func additionals(for rrset: [ResourceRecord]) -> [ResourceRecord] {
        switch rrset.first?.type {
        case .ns, .mx, .srv: addresses(of: rrset)
        default: []
        }
    }

    private func addresses(of rrset: [ResourceRecord]) -> [ResourceRecord] {
        var seen: Set<DomainName> = []
        var result: [ResourceRecord] = []
        for record in rrset {
            guard let target = record.rdata.targetName, target.isSubdomain(of: origin), seen.insert(target).inserted,
                let node = nodes[target]
            else { continue }
            result += node.rrsets[.a] ?? []
            result += node.rrsets[.aaaa] ?? []
        }
        return result
    }
}

extension ZoneIndex.Node {
    /// The single RRset answered to QTYPE ANY (RFC 8482 §4.2): the one with the lowest type number.
    var minimalAnyRRset: [ResourceRecord]? {
        rrsets.min { $0.key.rawValue < $1.key.rawValue }?.value
    }
}

extension ResourceRecord {
    /// The record with another owner name, as wildcard synthesis needs (RFC 4592 §3.4).
    func renamed(_ owner: DomainName) -> ResourceRecord {
        var record = self
        record.name = owner
        return record
    }
}
