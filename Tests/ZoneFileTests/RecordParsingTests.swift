import DNSWire
import Testing
import ZoneFile

/// Each record type gnsd models comes out of libldns as exactly the RDATA written.
struct RecordParsingTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var line: String
        var owner: String
        var rdata: RData
        var testDescription: String { line }
    }

    static let cases: [Case] = [
        Case(line: "host IN A 192.0.2.1", owner: "host", rdata: .a(IPv4Address("192.0.2.1")!)),
        Case(line: "host IN AAAA 2001:db8::1", owner: "host", rdata: .aaaa(IPv6Address("2001:db8::1")!)),
        Case(line: "sub IN NS ns.elsewhere.test.", owner: "sub", rdata: .ns(TestZones.name("ns.elsewhere.test."))),
        Case(line: "alias IN CNAME host", owner: "alias", rdata: .cname(TestZones.name("host.example.test."))),
        Case(line: "1 IN PTR host.example.test.", owner: "1", rdata: .ptr(TestZones.name("host.example.test."))),
        Case(
            line: "@ IN MX 10 mail", owner: "@",
            rdata: .mx(MXRecord(preference: 10, exchange: TestZones.name("mail.example.test.")))),
        Case(line: "text IN TXT \"hello world\" second", owner: "text", rdata: .txt(TXTRecord("hello world", "second"))),
        Case(
            line: "_http._tcp IN SRV 10 20 8080 host", owner: "_http._tcp",
            rdata: .srv(SRVRecord(priority: 10, weight: 20, port: 8080, target: TestZones.name("host.example.test.")))),
        Case(line: "@ IN CAA 128 issue \"ca.example\"", owner: "@", rdata: .caa(CAARecord(flags: 128, tag: "issue", value: "ca.example"))),
        Case(line: "info IN HINFO \"cpu\" \"os\"", owner: "info", rdata: .opaque(.hinfo, [3, 99, 112, 117, 2, 111, 115])),
        Case(line: "private IN TYPE65400 \\# 3 010203", owner: "private", rdata: .opaque(RecordType(rawValue: 65400), [1, 2, 3])),
    ]

    @Test(arguments: cases)
    func parsesRecord(_ testCase: Case) throws {
        let zone = try TestZones.load(TestZones.zone(testCase.line))
        let records = TestZones.records(zone, testCase.owner, testCase.rdata.type)
        #expect(records.map(\.rdata) == [testCase.rdata])
        #expect(records.map(\.ttl) == [300])
        #expect(records.map(\.recordClass) == [.internet])
    }

    @Test func parsesMultiLineSOA() throws {
        let zone = try TestZones.load(
            """
            @ 3600 IN SOA ns1.example.test. hostmaster.example.test. (
                    2025060101 ; serial
                    7200       ; refresh
                    900        ; retry
                    1209600    ; expire
                    30 )       ; minimum
              3600 IN NS ns1
            ns1 3600 IN A 127.0.0.1
            """)
        let expected = SOARecord(
            primaryServer: TestZones.name("ns1.example.test."), responsibleMailbox: TestZones.name("hostmaster.example.test."),
            serial: 2_025_060_101, refresh: 7200, retry: 900, expire: 1_209_600, minimum: 30)
        #expect(zone.soa?.rdata == .soa(expected))
        #expect(zone.soa?.ttl == 3600)
        #expect(TestZones.records(zone, "@", .ns).count == 1)
    }

    @Test func unescapesStrings() throws {
        let zone = try TestZones.load(TestZones.zone(#"text IN TXT "a\"b" "semi;colon" "back\\slash" x\032y "\255""#))
        let strings: [[UInt8]] = [
            Array(#"a"b"#.utf8), Array("semi;colon".utf8), Array(#"back\slash"#.utf8), Array("x y".utf8), [255],
        ]
        #expect(TestZones.records(zone, "text", .txt).map(\.rdata) == [.txt(TXTRecord(strings: strings))])
    }

    @Test func unescapesNames() throws {
        let zone = try TestZones.load(
            TestZones.zone(
                #"""
                a\032b IN A 192.0.2.1
                dot\.ted IN A 192.0.2.2
                alias IN CNAME a\032b
                """#))
        let spaced = try DomainName(labels: [Array("a b".utf8), Array("example".utf8), Array("test".utf8)])
        let dotted = try DomainName(labels: [Array("dot.ted".utf8), Array("example".utf8), Array("test".utf8)])
        #expect(zone.records.contains { $0.name == spaced && $0.type == .a })
        #expect(zone.records.contains { $0.name == dotted && $0.type == .a })
        #expect(TestZones.records(zone, "alias", .cname).map(\.rdata) == [.cname(spaced)])
    }

    @Test func omittedOwnerAndClassContinueThePreviousRecord() throws {
        let zone = try TestZones.load(
            TestZones.zone(
                """
                host A 192.0.2.1
                     AAAA 2001:db8::1
                  60 TXT "third"
                """))
        #expect(TestZones.records(zone, "host", .a).count == 1)
        #expect(TestZones.records(zone, "host", .aaaa).count == 1)
        #expect(TestZones.records(zone, "host", .txt).map(\.ttl) == [60])
    }

    @Test func keepsFileOrderAndCountsIdenticalRecordsOnce() throws {
        let zone = try TestZones.load(
            TestZones.zone(
                """
                b A 192.0.2.2
                a A 192.0.2.1
                b A 192.0.2.2
                b A 192.0.2.3
                """))
        let body = zone.records.dropFirst(3).map(\.description)
        #expect(
            body == [
                "b.example.test. 300 IN A 192.0.2.2",
                "a.example.test. 300 IN A 192.0.2.1",
                "b.example.test. 300 IN A 192.0.2.3",
            ])
    }
}
