internal import DNSWire

extension LookupResult {
    /// The result with every SOA serial advanced by `offset`, so the serial moves with the endpoint table.
    func advancingSerial(by offset: UInt32) -> LookupResult {
        guard offset != 0 else { return self }
        return mappingRecords { $0.advancingSerial(by: offset) }
    }

    /// The result with no record's TTL above `ttl`: a stale answer's (RFC 8767 §4).
    func cappingTTLs(at ttl: UInt32) -> LookupResult {
        mappingRecords { record in
            var capped = record
            capped.ttl = min(record.ttl, ttl)
            return capped
        }
    }

    /// The result with `transform` applied to the record of every section.
    private func mappingRecords(_ transform: (ResourceRecord) -> ResourceRecord) -> LookupResult {
        func mapped(_ sections: Sections) -> Sections {
            Sections(
                answers: sections.answers.map(transform), authorities: sections.authorities.map(transform),
                additionals: sections.additionals.map(transform))
        }
        switch self {
        case .answer(let sections): return .answer(mapped(sections))
        case .nameError(let sections): return .nameError(mapped(sections))
        case .noData(let sections): return .noData(mapped(sections))
        case .referral, .refused: return self
        }
    }
}

extension ResourceRecord {
    /// The record with its serial advanced by `offset` when it is an SOA, else unchanged.
    func advancingSerial(by offset: UInt32) -> ResourceRecord {
        guard case .soa(var soa) = rdata else { return self }
        soa.serial &+= offset
        var record = self
        record.rdata = .soa(soa)
        return record
    }
}
