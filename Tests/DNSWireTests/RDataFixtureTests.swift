import DNSWire
import Testing

/// Every RDATA type decoded from, described as and re-encoded to exact record bytes.
struct RDataFixtureTests {
    /// One record owned by `example.com.` with TTL 3600 in class IN: its type and RDATA bytes,
    /// the value they decode to and the zone-file text of the whole record. Names in the RDATA
    /// lie outside `example.com.`, so writing the record alone compresses nothing; the SRV
    /// target lies inside it and stays uncompressed all the same.
    struct Fixture: Sendable, CustomTestStringConvertible {
        var type: UInt16
        var rdata: String
        var value: RData
        var text: String

        var testDescription: String { text }

        /// The full record in uncompressed wire form.
        var record: [UInt8] {
            let rdata = [UInt8](fixture: rdata)
            return [UInt8](fixture: "07 'example' 03 'com' 00") + .bigEndian(type) + [UInt8](fixture: "0001 00000e10")
                + .bigEndian(UInt16(rdata.count)) + rdata
        }

        static func all() throws -> [Fixture] {
            [
                Fixture(
                    type: 1, rdata: "c0 00 02 01", value: .a(IPv4Address(value: 0xC000_0201)),
                    text: "example.com. 3600 IN A 192.0.2.1"),
                Fixture(
                    type: 28, rdata: "2001 0db8 0000 0000 0000 0000 0000 0001",
                    value: .aaaa(
                        try #require(
                            IPv6Address(octets: [UInt8](fixture: "2001 0db8 0000 0000 0000 0000 0000 0001")))),
                    text: "example.com. 3600 IN AAAA 2001:db8::1"),
                Fixture(
                    type: 2, rdata: "03 'ns1' 07 'example' 03 'net' 00", value: .ns(try DomainName("ns1.example.net")),
                    text: "example.com. 3600 IN NS ns1.example.net."),
                Fixture(
                    type: 5, rdata: "03 'www' 07 'example' 03 'org' 00",
                    value: .cname(try DomainName("www.example.org")),
                    text: "example.com. 3600 IN CNAME www.example.org."),
                Fixture(
                    type: 12, rdata: "04 'host' 07 'example' 03 'net' 00",
                    value: .ptr(try DomainName("host.example.net")),
                    text: "example.com. 3600 IN PTR host.example.net."),
                Fixture(
                    type: 6,
                    rdata: """
                        03 'ns1' 07 'example' 03 'net' 00              ; MNAME
                        0a 'hostmaster' 07 'example' 03 'org' 00       ; RNAME
                        78a3f175 00001c20 00000e10 00127500 0000012c   ; serial refresh retry expire minimum
                        """,
                    value: .soa(
                        SOARecord(
                            primaryServer: try DomainName("ns1.example.net"),
                            responsibleMailbox: try DomainName("hostmaster.example.org"),
                            serial: 2_024_010_101, refresh: 7200, retry: 3600, expire: 1_209_600, minimum: 300)),
                    text: "example.com. 3600 IN SOA ns1.example.net. hostmaster.example.org. "
                        + "2024010101 7200 3600 1209600 300"),
                Fixture(
                    type: 15, rdata: "000a 04 'mail' 07 'example' 03 'net' 00",
                    value: .mx(MXRecord(preference: 10, exchange: try DomainName("mail.example.net"))),
                    text: "example.com. 3600 IN MX 10 mail.example.net."),
                Fixture(
                    type: 16, rdata: "0b 'v=spf1 -all'", value: .txt(TXTRecord("v=spf1 -all")),
                    text: "example.com. 3600 IN TXT \"v=spf1 -all\""),
                Fixture(
                    type: 16, rdata: "05 'hello' 00 05 'world'", value: .txt(TXTRecord("hello", "", "world")),
                    text: "example.com. 3600 IN TXT \"hello\" \"\" \"world\""),
                Fixture(
                    type: 16, rdata: "09 'a\"b\\c' 0a ff 7f 20",
                    value: .txt(TXTRecord(strings: [Array("a\"b\\c\n".utf8) + [0xFF, 0x7F, 0x20]])),
                    text: "example.com. 3600 IN TXT \"a\\\"b\\\\c\\010\\255\\127 \""),
                Fixture(
                    type: 33, rdata: "0000 0005 13c4 03 'sip' 07 'example' 03 'com' 00",
                    value: .srv(
                        SRVRecord(
                            priority: 0, weight: 5, port: 5060, target: try DomainName("sip.example.com"))),
                    text: "example.com. 3600 IN SRV 0 5 5060 sip.example.com."),
                Fixture(
                    type: 257, rdata: "00 05 'issue' 'letsencrypt.org'",
                    value: .caa(CAARecord(flags: 0, tag: "issue", value: "letsencrypt.org")),
                    text: "example.com. 3600 IN CAA 0 issue \"letsencrypt.org\""),
                Fixture(
                    type: 257, rdata: "80 05 'iodef' 'mailto:security@example.com'",
                    value: .caa(CAARecord(flags: 128, tag: "iodef", value: "mailto:security@example.com")),
                    text: "example.com. 3600 IN CAA 128 iodef \"mailto:security@example.com\""),
                Fixture(
                    type: 257, rdata: "00 05 'issue'", value: .caa(CAARecord(flags: 0, tag: "issue", value: "")),
                    text: "example.com. 3600 IN CAA 0 issue \"\""),
                Fixture(
                    type: 65280, rdata: "0a 00 00 01", value: .opaque(RecordType(rawValue: 65280), [10, 0, 0, 1]),
                    text: "example.com. 3600 IN TYPE65280 \\# 4 0A000001"),
                Fixture(
                    type: 65280, rdata: "", value: .opaque(RecordType(rawValue: 65280), []),
                    text: "example.com. 3600 IN TYPE65280 \\# 0"),
                Fixture(
                    type: 13, rdata: "09 'INTEL-386' 04 'Unix'",
                    value: .opaque(.hinfo, [UInt8](fixture: "09 'INTEL-386' 04 'Unix'")),
                    text: "example.com. 3600 IN HINFO \\# 15 09494E54454C2D33383604556E6978"),
            ]
        }
    }

    @Test(arguments: try Fixture.all())
    func decodesDescribesAndReencodes(fixture: Fixture) throws {
        let record = try ResourceRecord(wire: fixture.record)
        #expect(record == ResourceRecord(name: try DomainName("example.com"), ttl: 3600, rdata: fixture.value))
        #expect(record.type.rawValue == fixture.type)
        #expect(record.description == fixture.text)
        #expect(Wire.encode(record).hex == fixture.record.hex)
    }

    @Test func decodesAWholeRecordWrittenOut() throws {
        let wire = [UInt8](fixture: "03 'www' 07 'example' 03 'com' 00  0001  0003  00015180  0004  c0000201")
        let record = try ResourceRecord(wire: wire)
        #expect(
            record
                == ResourceRecord(
                    name: try DomainName("www.example.com"), recordClass: .chaos, ttl: 86400,
                    rdata: .a(IPv4Address(value: 0xC000_0201))))
        #expect(record.description == "www.example.com. 86400 CH A 192.0.2.1")
    }

    @Test func rejectsBytesAfterTheRecord() {
        let wire = [UInt8](fixture: "00  0001  0001  00000000  0004  c0000201  00")
        #expect(throws: DNSWireError.trailingData) { try ResourceRecord(wire: wire) }
    }

    @Test func namesTheTargetsOfAdditionalSectionProcessing() throws {
        let target = try DomainName("target.example")
        #expect(RData.ns(target).targetName == target)
        #expect(RData.cname(target).targetName == target)
        #expect(RData.ptr(target).targetName == target)
        #expect(RData.mx(MXRecord(preference: 1, exchange: target)).targetName == target)
        #expect(RData.srv(SRVRecord(priority: 1, weight: 1, port: 1, target: target)).targetName == target)
        #expect(RData.a(IPv4Address(value: 1)).targetName == nil)
        #expect(RData.txt(TXTRecord("x")).targetName == nil)
        #expect(RData.opaque(.hinfo, []).targetName == nil)
    }

    @Test(arguments: [
        (1 as UInt16, "A"), (2, "NS"), (5, "CNAME"), (6, "SOA"), (12, "PTR"), (13, "HINFO"), (15, "MX"), (16, "TXT"),
        (28, "AAAA"), (33, "SRV"), (41, "OPT"), (46, "RRSIG"), (251, "IXFR"), (252, "AXFR"), (255, "ANY"),
        (257, "CAA"), (0, "TYPE0"), (65280, "TYPE65280"),
    ])
    func namesRecordTypes(rawValue: UInt16, mnemonic: String) {
        #expect(RecordType(rawValue: rawValue).description == mnemonic)
    }

    @Test(arguments: [(1 as UInt16, "IN"), (3, "CH"), (4, "HS"), (254, "NONE"), (255, "ANY"), (42, "CLASS42")])
    func namesRecordClasses(rawValue: UInt16, mnemonic: String) {
        #expect(RecordClass(rawValue: rawValue).description == mnemonic)
    }

    @Test(arguments: [
        (41 as UInt16, true), (128, true), (251, true), (252, true), (255, true),
        (1, false), (6, false), (127, false), (256, false), (257, false),
    ])
    func separatesMetaTypesFromDataTypes(rawValue: UInt16, isMeta: Bool) {
        #expect(RecordType(rawValue: rawValue).isMetaType == isMeta)
    }
}
