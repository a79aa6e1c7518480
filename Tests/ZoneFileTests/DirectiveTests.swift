import DNSWire
import TestKit
import Testing
import ZoneFile

/// `$ORIGIN`, `$TTL`, `$INCLUDE` and TTL inheritance.
struct DirectiveTests {
    @Test func originChangesRelativeNames() throws {
        let zone = try TestZones.load(
            TestZones.zone(
                """
                $ORIGIN sub.example.test.
                www A 192.0.2.1
                $ORIGIN deeper
                host A 192.0.2.2
                @ TXT "apex of deeper"
                """))
        #expect(TestZones.records(zone, "www.sub", .a).count == 1)
        #expect(TestZones.records(zone, "host.deeper.sub", .a).count == 1)
        #expect(TestZones.records(zone, "deeper.sub", .txt).count == 1)
    }

    @Test func ttlFollowsRFC1035AndRFC2308() throws {
        let zone = try TestZones.load(
            """
            @ 3600 IN SOA ns1 hostmaster 1 3600 600 604800 30
            @ IN NS ns1
            ns1 IN A 127.0.0.1
            a 60 IN A 192.0.2.1
            b IN A 192.0.2.2
            $TTL 120
            c IN A 192.0.2.3
            d 10 IN A 192.0.2.4
            e IN A 192.0.2.5
            $TTL 1h30m
            f IN A 192.0.2.6
            $TTL 0
            g IN A 192.0.2.7
            """)
        let expected: [(String, RecordType, UInt32)] = [
            ("@", .ns, 3600), ("ns1", .a, 3600), ("a", .a, 60), ("b", .a, 60), ("c", .a, 120),
            ("d", .a, 10), ("e", .a, 120), ("f", .a, 5400), ("g", .a, 0),
        ]
        for (owner, type, ttl) in expected {
            #expect(TestZones.records(zone, owner, type).map(\.ttl) == [ttl], "\(owner) \(type)")
        }
    }

    @Test func includeReadsRelativeToTheIncludingFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write(
            "parts/hosts.inc",
            """
            ; hosts, relative to the origin the include gives
            $TTL 60
            host A 192.0.2.1
            $INCLUDE more/leaf.inc
            """)
        try directory.write("parts/more/leaf.inc", "leaf A 192.0.2.2\n")
        let file = try directory.write(
            "zones/example.test.zone",
            TestZones.zone(
                """
                $INCLUDE ../parts/hosts.inc hosts ; with an origin
                after A 192.0.2.3
                """))
        let zone = try ZoneFileLoader.load(file: file)
        #expect(TestZones.records(zone, "host.hosts", .a).map(\.ttl) == [60])
        #expect(TestZones.records(zone, "leaf.hosts", .a).map(\.ttl) == [60])
        #expect(TestZones.records(zone, "after", .a).map(\.ttl) == [300])
    }

    @Test func includeWithoutOriginKeepsTheCurrentOne() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("common.inc", "www A 192.0.2.1\n")
        let file = try directory.write(
            "example.test.zone",
            TestZones.zone(
                """
                $ORIGIN sub.example.test.
                $INCLUDE common.inc
                """))
        let zone = try ZoneFileLoader.load(file: file)
        #expect(TestZones.records(zone, "www.sub", .a).count == 1)
    }

    @Test func errorsInIncludedFilesNameThatFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let included = try directory.write("bad.inc", "ok A 192.0.2.1\nbad A 192.0.2\n")
        let file = try directory.write("example.test.zone", TestZones.zone("$INCLUDE bad.inc"))
        #expect(throws: ZoneFileError(file: included, line: 2, reason: "Syntax error, could not parse the RR's rdata")) {
            try ZoneFileLoader.load(file: file)
        }
    }

    @Test func includeLoopIsAnError() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let included = try directory.write("loop.inc", "a A 192.0.2.1\n$INCLUDE loop.inc\n")
        let file = try directory.write("example.test.zone", TestZones.zone("$INCLUDE loop.inc"))
        #expect(throws: ZoneFileError(file: included, line: 2, reason: "$INCLUDE loop: \(included) is already being read")) {
            try ZoneFileLoader.load(file: file)
        }
    }

    @Test func includesNestAtMostEightFilesDeep() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        for level in 1...7 {
            try directory.write("level\(level).inc", "level\(level) A 192.0.2.\(level)\n$INCLUDE level\(level + 1).inc\n")
        }
        try directory.write("level8.inc", "level8 A 192.0.2.8\n")
        let file = try directory.write("example.test.zone", TestZones.zone("$INCLUDE level1.inc"))
        #expect(
            throws: ZoneFileError(
                file: directory.path + "/level7.inc", line: 2, reason: "$INCLUDE nested deeper than 8 files")
        ) {
            try ZoneFileLoader.load(file: file)
        }

        try directory.write("level7.inc", "level7 A 192.0.2.7\n")
        let zone = try ZoneFileLoader.load(file: file)
        #expect(TestZones.records(zone, "level7", .a).count == 1)
    }

    @Test func missingIncludeIsAnError() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = try directory.write("example.test.zone", TestZones.zone("$INCLUDE missing.inc"))
        let missing = directory.path + "/missing.inc"
        #expect(
            throws: ZoneFileError(
                file: file, line: 5, reason: "cannot open included file \(missing): No such file or directory")
        ) {
            try ZoneFileLoader.load(file: file)
        }
    }

    @Test func originParameterOverridesTheFileName() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = try directory.write("zone.txt", TestZones.zone("www A 192.0.2.1"))
        let zone = try ZoneFileLoader.load(file: file, origin: TestZones.origin)
        #expect(zone.origin == TestZones.origin)
        #expect(TestZones.records(zone, "www", .a).count == 1)
    }
}
