import Authority
import DNSWire
import NIOCore
import Testing

/// The byte-level responder: header gate, error rcodes, EDNS size limits, NSID and cookies.
struct QueryResponderTests {
    static let client = try! SocketAddress(ipAddress: "127.0.0.1", port: 40000)
    static let secret: [UInt8] = Array(0..<16)

    let responder = QueryResponder(
        answerSource: AnswerSource(zones: ZoneSetPublisher(TestZone.zoneSet), table: { .empty }, settings: DiscoverySettings()),
        settings: ResponderSettings(maxUDPPayload: 1232, nsid: Array("gnsd-test".utf8), cookieSecret: QueryResponderTests.secret),
        now: { 1_700_000_000 })

    /// A query in wire form: ID 0xBEEF, RD set, one question, optionally an OPT record.
    static func query(
        _ name: String, type: UInt16 = 1, qclass: UInt16 = 1, flags: UInt16 = 0x0100, opt: [UInt8]? = nil
    ) -> [UInt8] {
        var bytes: [UInt8] = [0xBE, 0xEF, UInt8(flags >> 8), UInt8(flags & 0xFF), 0, 1, 0, 0, 0, 0, 0, opt == nil ? 0 : 1]
        for label in name.split(separator: ".") {
            bytes.append(UInt8(label.utf8.count))
            bytes += Array(label.utf8)
        }
        bytes += [0, UInt8(type >> 8), UInt8(type & 0xFF), UInt8(qclass >> 8), UInt8(qclass & 0xFF)]
        return bytes + (opt ?? [])
    }

    /// An OPT record advertising `size`, EDNS `version`, DO set, and the given options.
    static func opt(size: UInt16 = 4096, version: UInt8 = 0, options: [UInt8] = []) -> [UInt8] {
        [0, 0, 41, UInt8(size >> 8), UInt8(size & 0xFF), 0, version, 0x80, 0, UInt8(options.count >> 8), UInt8(options.count & 0xFF)]
            + options
    }

    func respond(_ bytes: [UInt8], overTCP: Bool = false) throws -> (size: Int, message: Message)? {
        guard
            var buffer = responder.respond(
                to: ByteBuffer(bytes: bytes), from: Self.client, overTCP: overTCP, allocator: ByteBufferAllocator())
        else { return nil }
        let size = buffer.readableBytes
        return (size, try buffer.readMessage())
    }

    @Test(arguments: [[], [0xBE, 0xEF, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0]])
    func shorterThanAHeaderGetsNoReply(_ bytes: [UInt8]) throws {
        #expect(try respond(bytes) == nil)
    }

    @Test func responseBitSetGetsNoReply() throws {
        #expect(try respond(Self.query("www.example.test", flags: 0x8100)) == nil)
    }

    @Test func answerEchoesIDQuestionCaseAndRD() throws {
        let reply = try #require(try respond(Self.query("wWw.EXAMPLE.test")))
        #expect(reply.message.header.id == 0xBEEF)
        #expect(reply.message.header.flags == 0x8500)
        #expect(reply.message.questions.map(\.name.wire) == [Array("\u{3}wWw\u{7}EXAMPLE\u{4}test\u{0}".utf8)])
        #expect(reply.message.answers.count == 2)
        #expect(reply.message.edns == nil)
    }

    struct ErrorCase: Sendable, CustomTestStringConvertible {
        var label: String
        var bytes: [UInt8]
        var rcode: ResponseCode
        var questions: Int
        var testDescription: String { label }
    }

    static let errorCases: [ErrorCase] = [
        ErrorCase(label: "NOTIFY opcode", bytes: query("www.example.test", flags: 0x2100), rcode: .notImp, questions: 0),
        ErrorCase(label: "UPDATE opcode", bytes: query("www.example.test", flags: 0x2900), rcode: .notImp, questions: 0),
        ErrorCase(
            label: "two questions",
            bytes: {
                var q = query("www.example.test")
                q[5] = 2
                return q
            }(), rcode: .formErr, questions: 0),
        ErrorCase(label: "no question", bytes: [0xBE, 0xEF, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0], rcode: .formErr, questions: 0),
        ErrorCase(label: "garbage after header", bytes: [0xBE, 0xEF, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0xC0, 0x0C, 0, 1], rcode: .formErr, questions: 0),
        ErrorCase(label: "trailing bytes", bytes: query("www.example.test") + [0xFF], rcode: .formErr, questions: 0),
        ErrorCase(label: "class CHAOS", bytes: query("version.bind", type: 16, qclass: 3), rcode: .refused, questions: 1),
        ErrorCase(label: "AXFR", bytes: query("example.test", type: 252), rcode: .notImp, questions: 1),
        ErrorCase(label: "QTYPE OPT", bytes: query("example.test", type: 41), rcode: .formErr, questions: 1),
        ErrorCase(label: "out of zone", bytes: query("example.org"), rcode: .refused, questions: 1),
    ]

    @Test(arguments: errorCases)
    func errorsKeepTheID(_ errorCase: ErrorCase) throws {
        let reply = try #require(try respond(errorCase.bytes))
        #expect(reply.message.header.id == 0xBEEF)
        #expect(reply.message.header.isResponse)
        #expect(!reply.message.header.authoritativeAnswer)
        #expect(reply.message.rcode == errorCase.rcode)
        #expect(reply.message.questions.count == errorCase.questions)
        #expect(reply.message.answers.isEmpty)
    }

    /// NOTIMP for an unknown opcode echoes the ID, the opcode and RD, and not CD (RFC 6895 §2.2),
    /// as Knot answers.
    @Test func notImplementedEchoesOnlyIDOpcodeAndRD() throws {
        // UPDATE (opcode 5) with RD, AD and CD set.
        let reply = try #require(try respond(Self.query("www.example.test", flags: 0x2930)))
        #expect(reply.message.header.flags == 0xA904)
    }

    @Test func ednsVersionOneGetsBADVERS() throws {
        let reply = try #require(try respond(Self.query("www.example.test", opt: Self.opt(version: 1))))
        #expect(reply.message.rcode == .badVers)
        #expect(reply.message.header.rcodeBits == 0)
        #expect(reply.message.edns == EDNS(udpPayloadSize: 1232, extendedRCode: 1, version: 0, flags: 0x8000))
        #expect(reply.message.answers.isEmpty)
    }

    @Test func ednsReplyAdvertisesOurSizeAndCopiesDO() throws {
        let reply = try #require(try respond(Self.query("www.example.test", opt: Self.opt(options: [0xFD, 0xE9, 0, 2, 1, 2]))))
        #expect(reply.message.edns == EDNS(udpPayloadSize: 1232, flags: 0x8000))
        #expect(reply.message.answers.count == 2)
    }

    @Test func nsidIsSentWhenAsked() throws {
        let reply = try #require(try respond(Self.query("www.example.test", opt: Self.opt(options: [0, 3, 0, 0]))))
        #expect(reply.message.edns?.options == [EDNSOption(code: .nsid, data: Array("gnsd-test".utf8))])
    }

    @Test func clientCookieGetsAServerCookie() throws {
        let clientCookie: [UInt8] = [1, 2, 3, 4, 5, 6, 7, 8]
        let reply = try #require(try respond(Self.query("www.example.test", opt: Self.opt(options: [0, 10, 0, 8] + clientCookie))))
        let cookie = try #require(reply.message.edns?.option(.cookie))
        #expect(cookie.data.count == 24)
        #expect(Array(cookie.data[0..<8]) == clientCookie)
        #expect(Array(cookie.data[8..<16]) == [1, 0, 0, 0, 0x65, 0x53, 0xF1, 0x00])
        let again = try #require(try respond(Self.query("www.example.test", opt: Self.opt(options: [0, 10, 0, 24] + cookie.data))))
        #expect(again.message.edns?.option(.cookie) == cookie)
        #expect(again.message.rcode == .noError)
    }

    @Test(arguments: [7, 9, 15, 41])
    func badCookieLengthIsFORMERR(_ length: Int) throws {
        let data = [UInt8](repeating: 7, count: length)
        let reply = try #require(try respond(Self.query("www.example.test", opt: Self.opt(options: [0, 10, 0, UInt8(length)] + data))))
        #expect(reply.message.rcode == .formErr)
    }

    @Test func sizeLimitFollowsTransportAndEDNS() throws {
        let plain = try #require(try respond(Self.query("www.example.test")))
        #expect(plain.size <= 512)
        let small = try #require(try respond(Self.query("www.example.test", opt: Self.opt(size: 100))))
        #expect(small.message.edns?.udpPayloadSize == 1232)
        #expect(small.size <= 512)
    }
}
