import DNSWire

/// Checks the records of a zone before it is served, as NSD and Knot do when loading.
///
/// Stops at the first problem in file order, naming the line. Rules: class IN only; every
/// owner inside the origin; exactly one SOA, at the apex; NS records at the apex (an
/// authoritative zone must name its servers); a CNAME alone at its name (RFC 1034 §3.6.2,
/// RFC 2181 §10.1); one TTL per RRset (RFC 2181 §5.2). Identical records count once (RFC 2181 §5).
struct ZoneValidator {
    private struct RRSetKey: Hashable {
        var name: DomainName
        var type: RecordType
    }

    private let origin: DomainName
    private var records: [ResourceRecord] = []
    private var seen: Set<ResourceRecord> = []
    private var rrsetTTLs: [RRSetKey: UInt32] = [:]
    private var typesByName: [DomainName: Set<RecordType>] = [:]

    private init(origin: DomainName) {
        self.origin = origin
    }

    /// The records of the zone in file order, without repeats, once every rule holds.
    static func validate(_ entries: [ZoneFileEntry], origin: DomainName, file: String) throws(ZoneFileError) -> [ResourceRecord] {
        var validator = ZoneValidator(origin: origin)
        for entry in entries {
            try validator.add(entry.record, at: entry.location)
        }
        let apexTypes = validator.typesByName[origin] ?? []
        guard apexTypes.contains(.soa) else {
            throw ZoneFileError(file: file, reason: "no SOA record at the zone apex \(origin)")
        }
        guard apexTypes.contains(.ns) else {
            throw ZoneFileError(file: file, reason: "no NS records at the zone apex \(origin)")
        }
        return validator.records
    }

    private mutating func add(_ record: ResourceRecord, at location: ZoneFileLocation) throws(ZoneFileError) {
        guard record.recordClass == .internet else {
            throw location.error("class \(record.recordClass) is not served; zones hold class IN only")
        }
        guard record.name.isSubdomain(of: origin) else {
            throw location.error("out of zone: \(record.name) is not in \(origin)")
        }
        guard seen.insert(record).inserted else { return }
        let types = typesByName[record.name] ?? []
        if record.type == .soa {
            guard record.name == origin else {
                throw location.error("SOA record at \(record.name), not at the zone apex \(origin)")
            }
            guard !types.contains(.soa) else {
                throw location.error("more than one SOA record")
            }
        }
        if record.type == .cname {
            guard !types.contains(.cname) else {
                throw location.error("more than one CNAME record at \(record.name)")
            }
            guard types.isEmpty else {
                throw location.error("CNAME and other data at \(record.name)")
            }
        } else if types.contains(.cname) {
            throw location.error("CNAME and other data at \(record.name)")
        }
        let key = RRSetKey(name: record.name, type: record.type)
        if let ttl = rrsetTTLs[key], ttl != record.ttl {
            throw location.error("TTL \(record.ttl) differs from TTL \(ttl) of the other \(record.type) records at \(record.name)")
        }
        rrsetTTLs[key] = record.ttl
        typesByName[record.name, default: []].insert(record.type)
        records.append(record)
    }
}
