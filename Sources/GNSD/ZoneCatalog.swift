public import Authority
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

/// A zone directory that cannot be served, with the place and reason ("zones/a.zone:12: ...").
public struct ZoneCatalogError: Error, CustomStringConvertible, Sendable {
    public var description: String
}
