import DNSWire
import Testing

/// `Message.encode(into:sizeLimit:)` keeping whole RRsets within the limit (RFC 2181 §9).
struct TruncationTests {
    private static let id: UInt16 = 0x5EED
    private static let responseFlags: UInt16 = 0x8400
    private static let truncatedFlags: UInt16 = 0x8600

    /// `count` A records of one RRset owned by `owner`, 192.0.2.0 upwards.
    private static func aRRset(_ owner: String, count: Int) throws -> [ResourceRecord] {
        let name = try DomainName(owner)
        return (0..<count).map { index in
            ResourceRecord(name: name, ttl: 60, rdata: .a(IPv4Address(value: 0xC000_0200 + UInt32(index))))
        }
    }

    /// `count` AAAA records of one RRset owned by `owner`, 2001:db8:: upwards.
    private static func aaaaRRset(_ owner: String, count: Int) throws -> [ResourceRecord] {
        let name = try DomainName(owner)
        return try (0..<count).map { index in
            let address = try #require(
                IPv6Address(octets: [UInt8](fixture: "20010db8 00000000 00000000 000000") + [UInt8(index)]))
            return ResourceRecord(name: name, ttl: 60, rdata: .aaaa(address))
        }
    }

    /// The NS record of `example.` naming `server`.
    private static func delegation(to server: String) throws -> ResourceRecord {
        ResourceRecord(name: try DomainName("example"), ttl: 60, rdata: .ns(try DomainName(server)))
    }

    private static func response(
        _ qname: String, answers: [ResourceRecord], authorities: [ResourceRecord] = [],
        additionals: [ResourceRecord] = [], edns: EDNS? = EDNS(udpPayloadSize: 512)
    ) throws -> Message {
        Message(
            header: Header(id: id, flags: responseFlags), questions: [Question(name: try DomainName(qname), type: .a)],
            answers: answers, authorities: authorities, additionals: additionals, edns: edns)
    }

    /// Encodes `message` within `limit`, checks the size, and returns what it decodes to.
    private static func encodeAndDecode(_ message: Message, limit: Int) throws -> (Message, truncated: Bool, size: Int) {
        let (bytes, truncated) = Wire.encode(message, sizeLimit: limit)
        #expect(bytes.count <= limit)
        let decoded = try Wire.decode(bytes)
        #expect(decoded.header.truncated == truncated)
        return (decoded, truncated, bytes.count)
    }

    /// `message` as it decodes after encoding, with only the records given and TC as given.
    private static func expected(
        _ message: Message, truncated: Bool, answers: [ResourceRecord], authorities: [ResourceRecord] = [],
        additionals: [ResourceRecord] = []
    ) -> Message {
        var result = message
        result.header = Header(
            id: id, flags: truncated ? truncatedFlags : responseFlags, questionCount: UInt16(message.questions.count),
            answerCount: UInt16(answers.count), authorityCount: UInt16(authorities.count),
            additionalCount: UInt16(additionals.count + (message.edns == nil ? 0 : 1)))
        result.answers = answers
        result.authorities = authorities
        result.additionals = additionals
        return result
    }

    @Test func dropsAnAnswerRRsetThatDoesNotFitAndKeepsOPT() throws {
        let message = try Self.response("many.example.com", answers: Self.aRRset("many.example.com", count: 40))
        let (bytes, truncated) = Wire.encode(message, sizeLimit: 512)
        let expected = [UInt8](
            fixture: """
                5eed 8600 0001 0000 0000 0001                         ; QR AA TC, QD 1, AR 1
                04 'many' 07 'example' 03 'com' 00  0001 0001
                00 0029 0200 00000000 0000                            ; OPT: 512
                """)
        #expect(bytes.hex == expected.hex)
        #expect(truncated)
    }

    /// 29 A records take 12 + 22 (question) + 29 × 16 + 11 (OPT) = 509 bytes.
    @Test(arguments: [(29, 512, false), (29, 509, false), (29, 508, true), (30, 512, true)])
    func fitsAnRRsetUpToTheLimitExactly(count: Int, limit: Int, truncated: Bool) throws {
        let records = try Self.aRRset("many.example.com", count: count)
        let message = try Self.response("many.example.com", answers: records)
        let (decoded, wasTruncated, size) = try Self.encodeAndDecode(message, limit: limit)
        #expect(wasTruncated == truncated)
        #expect(size == (truncated ? 45 : 45 + 16 * count))
        #expect(decoded == Self.expected(message, truncated: truncated, answers: truncated ? [] : records))
    }

    @Test func truncatesAtRRsetBoundaries() throws {
        let first = try Self.aRRset("a.example", count: 10)
        let message = try Self.response(
            "a.example", answers: first + Self.aaaaRRset("a.example", count: 30),
            authorities: [Self.delegation(to: "ns.example")],
            additionals: Self.aRRset("ns.example", count: 1))
        let (decoded, truncated, _) = try Self.encodeAndDecode(message, limit: 512)
        #expect(truncated)
        #expect(decoded == Self.expected(message, truncated: true, answers: first))
    }

    @Test func truncatesWhenTheAuthoritySectionDoesNotFit() throws {
        let answers = try Self.aRRset("a.example", count: 1)
        let message = try Self.response(
            "a.example", answers: answers, authorities: Self.aaaaRRset("example", count: 30),
            additionals: Self.aRRset("ns.example", count: 1))
        let (decoded, truncated, _) = try Self.encodeAndDecode(message, limit: 512)
        #expect(truncated)
        #expect(decoded == Self.expected(message, truncated: true, answers: answers))
    }

    @Test(arguments: [EDNS(udpPayloadSize: 512), nil])
    func dropsAdditionalRRsetsThatDoNotFitWithoutTC(edns: EDNS?) throws {
        let answers = try Self.aRRset("a.example", count: 2)
        let authorities = [try Self.delegation(to: "ns1.example")]
        let kept = try Self.aRRset("ns1.example", count: 3)
        let message = try Self.response(
            "a.example", answers: answers, authorities: authorities,
            additionals: kept + Self.aaaaRRset("ns1.example", count: 20) + Self.aRRset("ns2.example", count: 1), edns: edns)
        let (decoded, truncated, _) = try Self.encodeAndDecode(message, limit: 512)
        #expect(!truncated)
        #expect(
            decoded
                == Self.expected(
                    message, truncated: false, answers: answers, authorities: authorities, additionals: kept))
    }

    @Test func neverExceedsTheLargestTCPMessage() throws {
        let message = try Self.response("a.example", answers: Self.aRRset("a.example", count: 5000), edns: nil)
        let (decoded, truncated, _) = try Self.encodeAndDecode(message, limit: Message.maxSize)
        #expect(truncated)
        #expect(Wire.encode(message, sizeLimit: 1 << 20).bytes.count == 27)
        #expect(decoded == Self.expected(message, truncated: true, answers: []))
    }

    @Test func keepsAnExistingTCFlag() throws {
        var message = try Self.response("a.example", answers: Self.aRRset("a.example", count: 1))
        message.header.truncated = true
        let (bytes, truncated) = Wire.encode(message, sizeLimit: 512)
        #expect(!truncated)
        #expect(try Wire.decode(bytes) == Self.expected(message, truncated: true, answers: message.answers))
    }
}
