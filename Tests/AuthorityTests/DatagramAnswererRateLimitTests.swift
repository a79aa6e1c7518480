import DNSWire
import EndpointTable
import NIOCore
import Testing

@testable import Authority

/// Rate limiting on the UDP answer path: copies and the full path alike are dropped or slipped
/// past the rate, a valid server cookie is answered all the same, TCP is never limited.
struct DatagramAnswererRateLimitTests {
    static let client: [UInt8] = [192, 0, 2, 200]

    /// One answer per second, slip 2, nothing exempt; the cookie clock stands still.
    private let responder: QueryResponder = {
        var rateLimit = RateLimitSettings()
        rateLimit.responsesPerSecond = 1
        rateLimit.exempt = []
        let answerSource = AnswerSource(
            zones: ZoneSetPublisher(DiscoveryFixture.zoneSet), table: { DiscoveryFixture.snapshot() },
            settings: DiscoveryFixture.settings(policy: .localFirst), seed: 42)
        return QueryResponder(
            answerSource: answerSource, settings: ResponderSettings(cookieSecret: Array(0..<16), rateLimit: rateLimit), now: { 1_700_000_000 })
    }()

    /// The answerer's reply to `query`, `nil` when none.
    private func reply(_ answerer: DatagramAnswerer, _ query: [UInt8]) throws -> Message? {
        var buffer = [UInt8](repeating: 0, count: 1232)
        let length = buffer.withUnsafeMutableBytes { response in
            query.withUnsafeBytes { query in Self.client.withUnsafeBytes { answerer.respond(to: query, clientAddress: $0, into: response) } }
        }
        guard let length else { return nil }
        var bytes = ByteBuffer(bytes: buffer[..<length])
        return try bytes.readMessage()
    }

    /// What became of each reply: `answer`, `TC`, `BADCOOKIE` or `none`.
    private func outcomes(_ answerer: DatagramAnswerer, _ query: [UInt8], count: Int) throws -> [String] {
        try (0..<count).map { _ in
            guard let message = try reply(answerer, query) else { return "none" }
            if message.rcode == .badCookie { return "BADCOOKIE" }
            return message.header.truncated ? "TC" : message.answers.isEmpty ? "empty" : "answer"
        }
    }

    @Test func copiesAndTheFullPathAreLimitedAlike() throws {
        let answerer = responder.makeDatagramAnswerer()
        let copied = QueryResponderTests.query("www.example.test")
        #expect(try outcomes(answerer, copied, count: 6) == ["answer", "none", "TC", "none", "TC", "none"])
        let subnet = QueryResponderTests.query("alias.example.test", opt: QueryResponderTests.opt(options: [0, 8, 0, 7, 0, 1, 24, 0, 10, 3, 0]))
        #expect(try outcomes(answerer, subnet, count: 3) == ["answer", "none", "TC"])
    }

    @Test func tcpIsNeverLimited() throws {
        let answerer = responder.makeDatagramAnswerer()
        let query = QueryResponderTests.query("www.example.test")
        #expect(try outcomes(answerer, query, count: 2) == ["answer", "none"])
        let address = try SocketAddress(packedIPAddress: ByteBuffer(bytes: Self.client), port: 5353)
        for _ in 0..<5 {
            var tcp = try #require(responder.respond(to: ByteBuffer(bytes: query), from: address, overTCP: true, allocator: ByteBufferAllocator()))
            #expect(try tcp.readMessage().answers.count == 2)
        }
    }

    @Test func aClientWithItsServerCookieIsAnsweredPastTheRate() throws {
        let answerer = responder.makeDatagramAnswerer()
        let clientCookie: [UInt8] = [1, 2, 3, 4, 5, 6, 7, 8]
        let first = try #require(
            try reply(answerer, QueryResponderTests.query("www.example.test", opt: QueryResponderTests.opt(options: [0, 10, 0, 8] + clientCookie))))
        let cookie = try #require(first.edns?.option(.cookie)).data
        let withCookie = QueryResponderTests.query("www.example.test", opt: QueryResponderTests.opt(options: [0, 10, 0, 24] + cookie))
        #expect(try outcomes(answerer, withCookie, count: 20) == Array(repeating: "answer", count: 20))
        let withoutServerCookie = QueryResponderTests.query("www.example.test", opt: QueryResponderTests.opt(options: [0, 10, 0, 8] + clientCookie))
        #expect(try outcomes(answerer, withoutServerCookie, count: 2) == ["none", "BADCOOKIE"])
    }
}
