public import DNSWire

/// The zones gnsd is authoritative for, immutable once built; readers share one without locks.
public final class ZoneSet: Sendable {
    /// The zones, deepest origin first, so the first match is the closest enclosing zone.
    public let zones: [ZoneIndex]

    /// Indexes `zones`; each must carry an SOA at its origin.
    public init(zones: [Zone]) throws(ZoneSetError) {
        var indexes: [ZoneIndex] = []
        for zone in zones {
            guard let index = ZoneIndex(zone: zone) else { throw .missingSOA(zone.origin) }
            guard !indexes.contains(where: { $0.origin == zone.origin }) else { throw .duplicateOrigin(zone.origin) }
            indexes.append(index)
        }
        self.zones = indexes.sorted { $0.origin.labelCount > $1.origin.labelCount }
    }

    /// The zone holding `name`: the one with the longest origin that `name` lies at or below.
    public func zone(for name: DomainName) -> ZoneIndex? {
        zones.first { name.isSubdomain(of: $0.origin) }
    }

    /// Answers one question from the closest enclosing zone, or refuses it.
    public func lookup(_ name: DomainName, type: RecordType) -> LookupResult {
        zone(for: name)?.lookup(name, type: type) ?? .refused
    }
}

/// Why a set of zones cannot be served.
public enum ZoneSetError: Error, Hashable, Sendable, CustomStringConvertible {
    case missingSOA(DomainName)
    case duplicateOrigin(DomainName)

    public var description: String {
        switch self {
        case .missingSOA(let origin): "zone \(origin) has no SOA at its origin"
        case .duplicateOrigin(let origin): "zone \(origin) is defined twice"
        }
    }
}
