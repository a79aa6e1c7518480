public import DNSWire

/// One step of a zone's history: the records a change removed and added between two serials, as
/// an IXFR response carries it (RFC 1995 §4).
public struct ZoneDifference: Sendable {
    /// The apex SOA before the change.
    public let from: ResourceRecord
    /// The apex SOA after it.
    public let to: ResourceRecord
    public let removed: [ResourceRecord]
    public let added: [ResourceRecord]

    /// How many records the difference takes in a response, both SOAs included.
    var recordCount: Int { removed.count + added.count + 2 }

    /// The difference in IXFR order: the old SOA, the removed records, the new SOA, the added ones.
    var records: [ResourceRecord] { [from] + removed + [to] + added }
}

extension ResourceRecord {
    /// The serial of an SOA record; 0 for any other type.
    var soaSerial: UInt32 {
        guard case .soa(let soa) = rdata else { return 0 }
        return soa.serial
    }
}

/// Serial number arithmetic (RFC 1982): whether `lhs` comes after `rhs`.
func serial(_ lhs: UInt32, isNewerThan rhs: UInt32) -> Bool {
    lhs != rhs && (lhs &- rhs) < 0x8000_0000
}
