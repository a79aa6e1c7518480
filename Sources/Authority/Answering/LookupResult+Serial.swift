internal import DNSWire

extension LookupResult {
    /// The result with every SOA serial advanced by `offset`, so the serial moves with the endpoint table.
    func advancingSerial(by offset: UInt32) -> LookupResult {
        guard offset != 0 else { return self }
        switch self {
        case .answer(let sections): return .answer(sections.advancingSerial(by: offset))
        case .nameError(let sections): return .nameError(sections.advancingSerial(by: offset))
        case .noData(let sections): return .noData(sections.advancingSerial(by: offset))
        case .referral, .refused: return self
        }
    }
}

extension LookupResult.Sections {
    func advancingSerial(by offset: UInt32) -> LookupResult.Sections {
        LookupResult.Sections(
            answers: answers.map { $0.advancingSerial(by: offset) },
            authorities: authorities.map { $0.advancingSerial(by: offset) },
            additionals: additionals)
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
