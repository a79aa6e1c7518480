public import DNSWire

/// One zone prepared for answering: RRsets per owner name, empty non-terminals and delegation points.
public struct ZoneIndex: Sendable {
    /// The RRsets at one owner name; empty for an empty non-terminal (a name that exists only
    /// because names below it do).
    struct Node: Sendable {
        var rrsets: [RecordType: [ResourceRecord]] = [:]
    }

    public let origin: DomainName
    let nodes: [DomainName: Node]
    /// The apex SOA with its TTL lowered to the negative TTL, min(SOA TTL, SOA MINIMUM) (RFC 2308 §5).
    let negativeSOA: ResourceRecord

    /// Indexes a zone; it must have an SOA at its origin.
    public init?(zone: Zone) {
        guard let soa = zone.soa, case .soa(let soaData) = soa.rdata else { return nil }
        var nodes: [DomainName: Node] = [zone.origin: Node()]
        for record in zone.records where record.name.isSubdomain(of: zone.origin) {
            nodes[record.name, default: Node()].rrsets[record.type, default: []].append(record)
            var ancestor = record.name.parent
            while let name = ancestor, name != zone.origin, nodes[name] == nil {
                nodes[name] = Node()
                ancestor = name.parent
            }
        }
        var negativeSOA = soa
        negativeSOA.ttl = min(soa.ttl, soaData.minimum)
        self.origin = zone.origin
        self.nodes = nodes
        self.negativeSOA = negativeSOA
    }

    /// The SOA at the apex, with its own TTL.
    public var soa: ResourceRecord {
        nodes[origin]?.rrsets[.soa]?.first ?? negativeSOA
    }
}

extension ZoneIndex {
    /// The serial of the apex SOA.
    public var serial: UInt32 {
        guard case .soa(let soa) = soa.rdata else { return 0 }
        return soa.serial
    }

    /// How many records the zone holds.
    public var recordCount: Int {
        nodes.values.reduce(0) { $0 + $1.rrsets.values.reduce(0) { $0 + $1.count } }
    }
}
