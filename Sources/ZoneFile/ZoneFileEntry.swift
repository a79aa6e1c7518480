import DNSWire

/// A record read from a zone file, with the place where it was written.
struct ZoneFileEntry {
    var record: ResourceRecord
    var location: ZoneFileLocation
}
