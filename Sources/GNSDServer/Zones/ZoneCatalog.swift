public import Authority
public import DNSWire
internal import ZoneFile

/// Loads the zone directory into a servable ``ZoneSet``: parsed through libldns, then indexed.
public enum ZoneCatalog {
    /// Loads every `*.zone` file of `directory`; the error names the file, line and reason.
    public static func load(directory: String) throws(ZoneCatalogError) -> ZoneSet {
        do {
            return try ZoneSet(zones: try ZoneFileLoader.loadDirectory(directory))
        } catch let error as ZoneFileError {
            throw ZoneCatalogError(description: error.description)
        } catch {
            throw ZoneCatalogError(description: "\(directory): \(error)")
        }
    }
}

extension ZoneCatalog {
    /// The zones and answer settings `gnsd serve` starts with, checked as it checks them.
    public struct Plan: Sendable {
        public let zoneSet: ZoneSet
        public let discovery: DiscoverySettings
        /// The clusterset domain when no zone holds it: MCS names are then not served.
        public let unservedClustersetDomain: DomainName?

        /// The zones answered from their files alone (not the clusterset domain nor a global
        /// namespace's), ordered, for the start-up log.
        var staticZoneNames: [String] {
            let dynamic = Set(discovery.dynamicDomains)
            return zoneSet.zones.map(\.origin).filter { !dynamic.contains($0) }.map(\.description).sorted()
        }
    }

    /// Loads the zone directory and the answer settings of `configuration`; every global-namespace
    /// domain needs a zone that holds it.
    public static func plan(for configuration: Configuration) throws -> Plan {
        let zoneSet = try load(directory: configuration.zones.directory)
        let discovery = try DiscoverySettings(configuration: configuration)
        let unserved = discovery.domainsWithoutZone(in: zoneSet)
        let namespacesWithoutZone = unserved.filter { $0 != discovery.clustersetDomain }.map(\.description)
        guard namespacesWithoutZone.isEmpty else {
            throw ZoneCatalogError(
                description: "\(configuration.zones.directory): no zone file for the global namespace domain "
                    + namespacesWithoutZone.joined(separator: ", "))
        }
        return Plan(
            zoneSet: zoneSet, discovery: discovery,
            unservedClustersetDomain: unserved.contains(discovery.clustersetDomain) ? discovery.clustersetDomain : nil)
    }
}

/// A zone directory that cannot be served, with the place and reason ("zones/a.zone:12: ...").
public struct ZoneCatalogError: Error, CustomStringConvertible, Sendable {
    public var description: String
}
