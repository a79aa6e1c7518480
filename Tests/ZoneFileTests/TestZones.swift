import DNSWire
import TestKit
import ZoneFile

/// Zone texts and helpers shared by the zone-file tests; the zone is `example.test.`.
enum TestZones {
    /// A valid apex in four lines; a body appended after it starts on line 5.
    static let apex = """
        $TTL 300
        @ IN SOA ns1 hostmaster 1 3600 600 604800 30
        @ IN NS ns1
        ns1 IN A 127.0.0.1
        """

    static let origin = name("example.test.")

    /// The apex followed by `body`.
    static func zone(_ body: String) -> String {
        apex + "\n" + body + "\n"
    }

    /// Writes `text` as `example.test.zone` in a new directory and loads it.
    static func load(_ text: String) throws -> Zone {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        return try ZoneFileLoader.load(file: directory.write("example.test.zone", text))
    }

    /// The error loading `text` as `example.test.zone` fails with, or `nil` when it loads.
    static func loadError(_ text: String) throws -> ZoneFileError? {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = try directory.write("example.test.zone", text)
        do {
            _ = try ZoneFileLoader.load(file: file)
            return nil
        } catch {
            return error
        }
    }

    static func name(_ text: String) -> DomainName {
        try! DomainName(text)
    }

    /// The records of `zone` at `owner` (relative to example.test.) of `type`.
    static func records(_ zone: Zone, _ owner: String, _ type: RecordType) -> [ResourceRecord] {
        let name = owner == "@" ? origin : self.name(owner + ".example.test.")
        return zone.records.filter { $0.name == name && $0.type == type }
    }
}
