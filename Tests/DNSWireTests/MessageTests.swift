import DNSWire
import NIOCore
import Testing

/// Whole messages decoded from and encoded to exact bytes, compression pointers included.
struct MessageTests {
    /// A message and its exact wire form, which decodes to the message and which encoding the
    /// message reproduces.
    struct Fixture: Sendable, CustomTestStringConvertible {
        var testDescription: String
        var wire: String
        var message: Message

        /// A query as sent by `dig example.com A +dnssec +bufsize=1232 +cookie=0102030405060708
        /// +ednsopt=65001:abcd`: RD and AD set, EDNS with DO, a client cookie and an unknown option.
        static func query() throws -> Fixture {
            Fixture(
                testDescription: "query with EDNS options",
                wire: """
                    70b4 0120 0001 0000 0000 0001                  ; ID, RD AD, QD AN NS AR
                    07 'example' 03 'com' 00  0001 0001            ; example.com. A IN
                    00 0029 04d0 00 00 8000 0012                   ; OPT: 1232, rcode 0, version 0, DO
                    000a 0008 0102030405060708                     ; COOKIE
                    fde9 0002 abcd                                 ; option 65001
                    """,
                message: Message(
                    header: Header(id: 0x70B4, flags: 0x0120, questionCount: 1, additionalCount: 1),
                    questions: [Question(name: try DomainName("example.com"), type: .a)],
                    edns: EDNS(
                        udpPayloadSize: 1232, flags: 0x8000,
                        options: [
                            EDNSOption(code: .cookie, data: [1, 2, 3, 4, 5, 6, 7, 8]),
                            EDNSOption(code: EDNSOption.Code(rawValue: 65001), data: [0xAB, 0xCD]),
                        ])))
        }

        /// Owners point at the question and at names inside earlier RDATA; a pointer leads to
        /// labels that end in another pointer.
        static func cnameResponse() throws -> Fixture {
            let www = try DomainName("www.example.com")
            let web = try DomainName("web.example.com")
            let ns1 = try DomainName("ns1.example.com")
            return Fixture(
                testDescription: "CNAME response",
                wire: """
                    70b4 8580 0001 0002 0001 0002                  ; ID, QR AA RD RA, QD AN NS AR
                    03 'www' 07 'example' 03 'com' 00  0001 0001   ; @12 www.example.com. A IN
                    c00c 0005 0001 00000e10 0006  03 'web' c010    ; @33 www CNAME web.example.com. (@45)
                    c02d 0001 0001 0000012c 0004  c000020a         ; @51 web A 192.0.2.10
                    c010 0002 0001 00000e10 0006  03 'ns1' c010    ; @67 example.com. NS ns1.example.com. (@79)
                    c04f 0001 0001 00000e10 0004  c0000235         ; @85 ns1 A 192.0.2.53
                    00 0029 04d0 00000000 0000                     ; @101 OPT: 1232
                    """,
                message: Message(
                    header: Header(
                        id: 0x70B4, flags: 0x8580, questionCount: 1, answerCount: 2, authorityCount: 1, additionalCount: 2),
                    questions: [Question(name: www, type: .a)],
                    answers: [
                        ResourceRecord(name: www, ttl: 3600, rdata: .cname(web)),
                        ResourceRecord(name: web, ttl: 300, rdata: .a(IPv4Address(value: 0xC000_020A))),
                    ],
                    authorities: [ResourceRecord(name: try DomainName("example.com"), ttl: 3600, rdata: .ns(ns1))],
                    additionals: [ResourceRecord(name: ns1, ttl: 3600, rdata: .a(IPv4Address(value: 0xC000_0235)))],
                    edns: EDNS(udpPayloadSize: 1232)))
        }

        /// SOA, NS and MX RDATA names compressed against the question and each other.
        static func anyResponse() throws -> Fixture {
            let zone = try DomainName("example.com")
            let ns1 = try DomainName("ns1.example.com")
            let mail = try DomainName("mail.example.com")
            return Fixture(
                testDescription: "ANY response",
                wire: """
                    0001 8400 0001 0003 0000 0003                  ; ID, QR AA, QD AN NS AR
                    07 'example' 03 'com' 00  00ff 0001            ; @12 example.com. ANY IN
                    c00c 0006 0001 00000e10 0027                   ; @29 example.com. SOA
                    03 'ns1' c00c                                  ; @41 ns1.example.com.
                    0a 'hostmaster' c00c                           ; @47 hostmaster.example.com.
                    78a3f175 00001c20 00000e10 00127500 0000012c   ; serial refresh retry expire minimum
                    c00c 0002 0001 00000e10 0002  c029             ; @80 example.com. NS ns1.example.com.
                    c00c 000f 0001 00000e10 0009  000a 04 'mail' c00c ; @94 example.com. MX 10 mail.example.com. (@108)
                    c029 0001 0001 00000e10 0004  c0000235         ; @115 ns1 A 192.0.2.53
                    c06c 0001 0001 00000e10 0004  c0000219         ; @131 mail A 192.0.2.25
                    00 0029 04d0 00000000 0000                     ; @147 OPT: 1232
                    """,
                message: Message(
                    header: Header(id: 1, flags: 0x8400, questionCount: 1, answerCount: 3, additionalCount: 3),
                    questions: [Question(name: zone, type: .any)],
                    answers: [
                        ResourceRecord(
                            name: zone, ttl: 3600,
                            rdata: .soa(
                                SOARecord(
                                    primaryServer: ns1, responsibleMailbox: try DomainName("hostmaster.example.com"),
                                    serial: 2_024_010_101, refresh: 7200, retry: 3600, expire: 1_209_600, minimum: 300))),
                        ResourceRecord(name: zone, ttl: 3600, rdata: .ns(ns1)),
                        ResourceRecord(name: zone, ttl: 3600, rdata: .mx(MXRecord(preference: 10, exchange: mail))),
                    ],
                    additionals: [
                        ResourceRecord(name: ns1, ttl: 3600, rdata: .a(IPv4Address(value: 0xC000_0235))),
                        ResourceRecord(name: mail, ttl: 3600, rdata: .a(IPv4Address(value: 0xC000_0219))),
                    ],
                    edns: EDNS(udpPayloadSize: 1232)))
        }

        /// The SRV target is written in full although its suffix is in the question (RFC 2782),
        /// and is not offered as a compression target afterwards.
        static func srvResponse() throws -> Fixture {
            let target = try DomainName("sip.example.com")
            return Fixture(
                testDescription: "SRV response",
                wire: """
                    0002 8400 0001 0001 0000 0001                  ; ID, QR AA, QD AN NS AR
                    04 '_sip' 04 '_tcp' 07 'example' 03 'com' 00  0021 0001 ; @12 _sip._tcp.example.com. SRV IN
                    c00c 0021 0001 0000012c 0017                   ; @39 _sip._tcp.example.com. SRV
                    0000 0005 13c4  03 'sip' 07 'example' 03 'com' 00 ; 0 5 5060 sip.example.com.
                    03 'sip' c016 0001 0001 0000012c 0004 c0000250 ; @74 sip.example.com. A 192.0.2.80
                    """,
                message: Message(
                    header: Header(id: 2, flags: 0x8400, questionCount: 1, answerCount: 1, additionalCount: 1),
                    questions: [Question(name: try DomainName("_sip._tcp.example.com"), type: .srv)],
                    answers: [
                        ResourceRecord(
                            name: try DomainName("_sip._tcp.example.com"), ttl: 300,
                            rdata: .srv(SRVRecord(priority: 0, weight: 5, port: 5060, target: target)))
                    ],
                    additionals: [ResourceRecord(name: target, ttl: 300, rdata: .a(IPv4Address(value: 0xC000_0250)))]))
        }

        static func all() throws -> [Fixture] {
            [try query(), try cnameResponse(), try anyResponse(), try srvResponse()]
        }
    }

    @Test(arguments: try Fixture.all())
    func decodesFixture(fixture: Fixture) throws {
        #expect(try Wire.decode([UInt8](fixture: fixture.wire)) == fixture.message)
    }

    @Test(arguments: try Fixture.all())
    func encodesFixture(fixture: Fixture) {
        let (bytes, truncated) = Wire.encode(fixture.message)
        #expect(bytes.hex == [UInt8](fixture: fixture.wire).hex)
        #expect(!truncated)
    }

    @Test func decodesTheQueryFields() throws {
        let query = try Wire.decode([UInt8](fixture: try Fixture.query().wire))
        #expect(!query.header.isResponse)
        #expect(query.header.opcode == .query)
        #expect(query.header.recursionDesired)
        #expect(query.header.authenticData)
        #expect(!query.header.checkingDisabled)
        #expect(query.rcode == .noError)
        let edns = try #require(query.edns)
        #expect(edns.udpPayloadSize == 1232)
        #expect(edns.dnssecOK)
        #expect(edns.version == 0)
        #expect(edns.option(.cookie)?.data == [1, 2, 3, 4, 5, 6, 7, 8])
        #expect(edns.option(EDNSOption.Code(rawValue: 65001))?.data == [0xAB, 0xCD])
        #expect(edns.option(.nsid) == nil)
    }

    @Test func encodesAfterBytesAlreadyInTheBuffer() throws {
        let fixture = try Fixture.cnameResponse()
        let prefix: [UInt8] = [0x00, 0x70]
        var buffer = ByteBuffer(bytes: prefix)
        fixture.message.encode(into: &buffer)
        #expect(Array(buffer.readableBytesView).hex == (prefix + [UInt8](fixture: fixture.wire)).hex)
        buffer.moveReaderIndex(forwardBy: prefix.count)
        #expect(try buffer.readMessage() == fixture.message)
    }

    @Test func recomputesTheHeaderCounts() throws {
        let fixture = try Fixture.anyResponse()
        var message = fixture.message
        message.header = Header(
            id: 1, flags: 0x8400, questionCount: 9, answerCount: 9, authorityCount: 9, additionalCount: 9)
        #expect(Wire.encode(message).bytes.hex == [UInt8](fixture: fixture.wire).hex)
    }
}
