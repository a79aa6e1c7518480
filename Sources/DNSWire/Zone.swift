/// The static data of one zone: its origin (apex) and every record in it, as loaded from a zone file.
public struct Zone: Sendable {
    public var origin: DomainName
    public var records: [ResourceRecord]

    public init(origin: DomainName, records: [ResourceRecord]) {
        self.origin = origin
        self.records = records
    }

    /// The SOA record at the apex, if the zone has one.
    public var soa: ResourceRecord? {
        records.first { $0.type == .soa && $0.name == origin }
    }
}
