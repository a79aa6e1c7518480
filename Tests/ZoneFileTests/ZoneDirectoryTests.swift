import DNSWire
import Foundation
import TestKit
import Testing
import ZoneFile

/// Loading a whole zone directory, and the zones gnsd ships.
struct ZoneDirectoryTests {
    private static func minimalZone(_ origin: String) -> String {
        """
        $TTL 300
        @ IN SOA ns1.\(origin). hostmaster.\(origin). 1 3600 600 604800 30
        @ IN NS ns1.\(origin).
        ns1.\(origin). IN A 127.0.0.1
        """
    }

    @Test func loadsZoneFilesInNameOrderAndIgnoresOthers() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("b.test.zone", Self.minimalZone("b.test"))
        try directory.write("a.test.zone", Self.minimalZone("a.test"))
        try directory.write("README.md", "not a zone")
        try directory.write("b.test.zone.bak", "not a zone either")
        try directory.write("parts.inc", "garbage (")
        let zones = try ZoneFileLoader.loadDirectory(directory.path)
        #expect(zones.map(\.origin) == [TestZones.name("a.test."), TestZones.name("b.test.")])
    }

    @Test func twoFilesForOneOriginIsAnError() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("dup.test.zone", Self.minimalZone("dup.test"))
        try directory.write("dup.test..zone", Self.minimalZone("dup.test"))
        let first = directory.path + "/dup.test..zone"
        let second = directory.path + "/dup.test.zone"
        #expect(throws: ZoneFileError(file: second, reason: "zone dup.test. is already loaded from \(first)")) {
            try ZoneFileLoader.loadDirectory(directory.path)
        }
    }

    @Test func firstBadFileStopsTheLoad() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("a.test.zone", Self.minimalZone("a.test"))
        let bad = try directory.write("b.test.zone", Self.minimalZone("b.test") + "\nwww.a.test. A 192.0.2.1\n")
        #expect(throws: ZoneFileError(file: bad, line: 5, reason: "out of zone: www.a.test. is not in b.test.")) {
            try ZoneFileLoader.loadDirectory(directory.path)
        }
    }

    @Test func directoryWithoutZonesIsAnError() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("README.md", "nothing here")
        #expect(throws: ZoneFileError(file: directory.path, reason: "no *.zone files in the zone directory")) {
            try ZoneFileLoader.loadDirectory(directory.path)
        }
    }

    @Test func missingDirectoryIsAnError() {
        #expect(
            throws: ZoneFileError(
                file: "/nonexistent/zones", reason: "cannot read the zone directory: No such file or directory")
        ) {
            try ZoneFileLoader.loadDirectory("/nonexistent/zones")
        }
    }

    @Test func shippedZonesLoad() throws {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let zones = try ZoneFileLoader.loadDirectory(repository.appendingPathComponent("zones").path)
        #expect(zones.map(\.origin) == [TestZones.name("acme.local."), TestZones.name("clusterset.local.")])

        for zone in zones {
            guard case .soa(let soa)? = zone.soa?.rdata else {
                Issue.record("\(zone.origin) has no SOA")
                continue
            }
            #expect(soa.minimum == 30)
            let server = try zone.origin.prepending(Array("ns1".utf8))
            #expect(zone.records.contains { $0.name == zone.origin && $0.rdata == .ns(server) })
            let glue = zone.records.filter { $0.name == server }.map(\.rdata)
            #expect(glue == [.a(IPv4Address("127.0.0.1")!), .aaaa(IPv6Address("::1")!)])
        }

        let clusterset = zones[1]
        let version = clusterset.records.filter { $0.name == TestZones.name("dns-version.clusterset.local.") }
        #expect(version.map(\.description) == ["dns-version.clusterset.local. 28800 IN TXT \"1.0.0\""])
    }
}
