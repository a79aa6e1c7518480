import Authority
import DNSWire
import Foundation
import ZoneFile

/// The zone the answer tables run against, loaded through libldns like a real zone file.
enum TestZone {
    static let text = """
        $ORIGIN example.test.
        $TTL 3600
        @           IN SOA ns1 hostmaster 2026112201 7200 3600 1209600 300
        @           NS    ns1
        ns1         A     192.0.2.53
        ns1         AAAA  2001:db8::53
        www     300 A     192.0.2.10
        www     300 A     192.0.2.11
        alias   600 CNAME www
        chain       CNAME alias
        loop1       CNAME loop2
        loop2       CNAME loop1
        outside     CNAME www.elsewhere.test.
        dangling    CNAME missing
        *.wild  120 A     192.0.2.99
        *.wild  120 TXT   "wild"
        host.wild   A     192.0.2.7
        a.b.c       A     192.0.2.8
        child       NS    ns.child
        ns.child    A     192.0.2.100
        mail        MX    10 mx1
        mx1         A     192.0.2.25
        _http._tcp  SRV   0 5 80 www
        """

    /// The zone set holding only the test zone.
    static let zoneSet = load(["example.test": text])

    /// Loads zone-file texts, by origin, into one zone set.
    static func load(_ texts: [String: String]) -> ZoneSet {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gnsd-authority-\(getpid())")
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        do {
            let zones = try texts.map { origin, text in
                let file = directory.appendingPathComponent("\(origin).zone")
                try text.write(to: file, atomically: true, encoding: .utf8)
                return try ZoneFileLoader.load(file: file.path)
            }
            return try ZoneSet(zones: zones)
        } catch {
            fatalError("test zones do not load: \(error)")
        }
    }
}
