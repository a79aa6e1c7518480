import Synchronization
import Testing

@testable import Authority

/// Token buckets per client network, kind and name, with slip, exemptions and the cookie
/// exemption, on a manual millisecond clock.
struct ResponseRateLimiterTests {
    typealias Verdict = ResponseRateLimiter.Verdict

    /// A millisecond clock the test moves by hand.
    final class ManualClock {
        var milliseconds: UInt64 = 1_000_000
    }

    /// Counts the limited responses reported, by kind and slip.
    final class LimitedResponses: RateLimitObserver {
        let counts = Mutex<[String: Int]>([:])

        func observeLimited(_ kind: ResponseKind, slipped: Bool) {
            counts.withLock { $0["\(kind.name) \(slipped ? "slipped" : "dropped")", default: 0] += 1 }
        }
    }

    static let client: [UInt8] = ServerCookieTests.client
    static let query = QueryResponderTests.query("www.example.test")

    private let clock = ManualClock()

    /// A limiter at 5 responses, 3 NXDOMAIN and 2 errors per second, slip 2, nothing exempt.
    private func limiter(observer: LimitedResponses? = nil, _ adjust: (inout RateLimitSettings) -> Void = { _ in }) -> ResponseRateLimiter {
        var settings = RateLimitSettings()
        settings.responsesPerSecond = 5
        settings.nxdomainsPerSecond = 3
        settings.errorsPerSecond = 2
        settings.exempt = []
        adjust(&settings)
        let clock = self.clock
        return ResponseRateLimiter(
            settings: settings, cookies: ServerCookieTests.cookies, cookieTime: { ServerCookieTests.issued }, observer: observer,
            milliseconds: { clock.milliseconds })
    }

    private func verdicts(
        _ limiter: ResponseRateLimiter, _ count: Int, response: [UInt8] = ResponseFixture.answer, query: [UInt8] = query,
        from address: [UInt8] = client
    ) -> [Verdict] {
        (0..<count).map { _ in
            response.withUnsafeBytes { response in
                query.withUnsafeBytes { query in address.withUnsafeBytes { limiter.verdict(for: response, query: query, clientAddress: $0) } }
            }
        }
    }

    private static func sent(_ count: Int) -> [Verdict] { Array(repeating: .send, count: count) }

    @Test func aBucketHoldsOneSecondAndRefillsByTheMillisecond() {
        let limiter = limiter()
        #expect(verdicts(limiter, 6) == Self.sent(5) + [.drop(.answer)])
        clock.milliseconds += 199
        #expect(verdicts(limiter, 1) == [.slip(.answer)])
        clock.milliseconds += 1
        #expect(verdicts(limiter, 2) == [.send, .drop(.answer)])
        clock.milliseconds += 60_000
        #expect(verdicts(limiter, 6) == Self.sent(5) + [.slip(.answer)])
    }

    @Test(arguments: [
        (0, [Verdict](repeating: .drop(.answer), count: 6)),
        (1, [Verdict](repeating: .slip(.answer), count: 6)),
        (2, [.drop(.answer), .slip(.answer), .drop(.answer), .slip(.answer), .drop(.answer), .slip(.answer)]),
        (3, [.drop(.answer), .drop(.answer), .slip(.answer), .drop(.answer), .drop(.answer), .slip(.answer)]),
    ])
    func everySlipthLimitedResponseSlips(slip: Int, limited: [Verdict]) {
        let limiter = limiter { $0.slip = slip }
        #expect(verdicts(limiter, 11) == Self.sent(5) + limited)
    }

    @Test func exemptNetworksAreNeverLimited() {
        let limiter = limiter { $0.exempt = [IPNetwork("192.0.2.0/28")!, IPNetwork("2001:db8::/32")!] }
        #expect(verdicts(limiter, 50, from: [192, 0, 2, 15]) == Self.sent(50))
        #expect(verdicts(limiter, 50, from: [0x20, 0x01, 0x0D, 0xB8] + Array(repeating: 9, count: 12)) == Self.sent(50))
        #expect(verdicts(limiter, 6, from: [192, 0, 2, 16]) == Self.sent(5) + [.drop(.answer)])
    }

    @Test func loopbackIsExemptByDefault() {
        var settings = RateLimitSettings()
        settings.responsesPerSecond = 1
        let limiter = ResponseRateLimiter(
            settings: settings, cookies: ServerCookieTests.cookies, cookieTime: { 0 }, observer: nil, milliseconds: { 0 })
        #expect(verdicts(limiter, 20, from: [127, 0, 0, 1]) == Self.sent(20))
        #expect(verdicts(limiter, 20, from: Array(repeating: 0, count: 15) + [1]) == Self.sent(20))
        #expect(verdicts(limiter, 2, from: [10, 0, 0, 1]) == [.send, .drop(.answer)])
    }

    @Test func ipv4ClientsShareTheirSlash24() {
        let limiter = limiter()
        #expect(verdicts(limiter, 5, from: [192, 0, 2, 1]) == Self.sent(5))
        #expect(verdicts(limiter, 1, from: [192, 0, 2, 200]) == [.drop(.answer)])
        #expect(verdicts(limiter, 1, from: Array(repeating: 0, count: 10) + [0xFF, 0xFF, 192, 0, 2, 77]) == [.slip(.answer)])
        #expect(verdicts(limiter, 1, from: [192, 0, 3, 1]) == [.send])
    }

    @Test func ipv6ClientsShareTheirSlash56() {
        let limiter = limiter()
        let network: [UInt8] = [0x20, 0x01, 0x0D, 0xB8, 0, 0]
        #expect(verdicts(limiter, 5, from: network + [0xFF, 0x00] + Array(repeating: 0, count: 7) + [1]) == Self.sent(5))
        #expect(verdicts(limiter, 1, from: network + [0xFF, 0xFF] + Array(repeating: 0xAB, count: 8)) == [.drop(.answer)])
        #expect(verdicts(limiter, 1, from: network + [0xFE, 0x00] + Array(repeating: 0, count: 7) + [1]) == [.send])
    }

    /// Whole addresses: 192.0.2.1 and ::c000:201 have the same bits but not the same family.
    @Test func prefixLengthsAreSettings() {
        let limiter = limiter {
            $0.ipv4PrefixLength = 32
            $0.ipv6PrefixLength = 128
        }
        #expect(verdicts(limiter, 6, from: [192, 0, 2, 1]) == Self.sent(5) + [.drop(.answer)])
        #expect(verdicts(limiter, 5, from: [192, 0, 2, 2]) == Self.sent(5))
        #expect(verdicts(limiter, 5, from: Array(repeating: 0, count: 12) + [192, 0, 2, 1]) == Self.sent(5))
    }

    @Test func eachNameKindAndZoneHasItsOwnBucket() {
        let limiter = limiter()
        #expect(verdicts(limiter, 6) == Self.sent(5) + [.drop(.answer)])
        let ftp = ResponseFixture.header(flags: 0x8400, answers: 1) + ResponseFixture.question("ftp.example.test") + ResponseFixture.addressRecord
        #expect(verdicts(limiter, 5, response: ftp) == Self.sent(5))
        #expect(verdicts(limiter, 2, response: ResponseFixture.nxdomain("nope.example.test")) == Self.sent(2))
        #expect(verdicts(limiter, 2, response: ResponseFixture.nxdomain("random.example.test")) == [.send, .drop(.nxdomain)])
        #expect(verdicts(limiter, 6, response: ResponseFixture.nodata("www.example.test")) == Self.sent(5) + [.drop(.nodata)])
        #expect(verdicts(limiter, 1, response: ResponseFixture.refused("a.test")) == [.send])
        #expect(verdicts(limiter, 2, response: ResponseFixture.refused("b.other.test")) == [.send, .drop(.error)])
    }

    @Test func aRateOfZeroDoesNotLimitThatKind() {
        let limiter = limiter { $0.errorsPerSecond = 0 }
        #expect(verdicts(limiter, 100, response: ResponseFixture.refused("a.test")) == Self.sent(100))
        #expect(verdicts(limiter, 6) == Self.sent(5) + [.drop(.answer)])
    }

    @Test func aValidServerCookieIsNeverLimited() {
        let limiter = limiter()
        #expect(verdicts(limiter, 6) == Self.sent(5) + [.drop(.answer)])
        let cookieQuery = QueryResponderTests.query(
            "www.example.test", opt: QueryResponderTests.opt(options: ResponseFixture.cookieOption(ServerCookieTests.returned())))
        #expect(verdicts(limiter, 40, query: cookieQuery) == Self.sent(40))
        var tampered = ServerCookieTests.returned()
        tampered[20] ^= 0x40
        let tamperedQuery = QueryResponderTests.query(
            "www.example.test", opt: QueryResponderTests.opt(options: ResponseFixture.cookieOption(tampered)))
        #expect(verdicts(limiter, 1, query: tamperedQuery) == [.slip(.answer)])
        #expect(verdicts(limiter, 1, query: cookieQuery, from: [192, 0, 2, 8]) == [.drop(.answer)])
        let clientCookieOnly = QueryResponderTests.query(
            "www.example.test", opt: QueryResponderTests.opt(options: ResponseFixture.cookieOption([1, 2, 3, 4, 5, 6, 7, 8])))
        #expect(verdicts(limiter, 1, query: clientCookieOnly) == [.slip(.answer)])
    }

    @Test func theTableHasAFixedNumberOfSlots() {
        let limiter = limiter { $0.tableSize = 1 }
        #expect(verdicts(limiter, 6, from: [192, 0, 2, 1]) == Self.sent(5) + [.drop(.answer)])
        #expect(verdicts(limiter, 1, from: [198, 51, 100, 1]) == [.send])
        #expect(verdicts(limiter, 5, from: [192, 0, 2, 1]) == Self.sent(5))
    }

    @Test func limitDropsOrRewritesTheBufferAndReportsIt() {
        let observer = LimitedResponses()
        let limiter = limiter(observer: observer) { $0.responsesPerSecond = 1 }
        var lengths: [Int?] = []
        var last: [UInt8] = []
        for _ in 0..<3 {
            var buffer = ResponseFixture.answer + Array(repeating: 0, count: 16)
            let length = buffer.withUnsafeMutableBytes { response in
                Self.query.withUnsafeBytes { query in
                    Self.client.withUnsafeBytes { limiter.limit(response, length: ResponseFixture.answer.count, query: query, clientAddress: $0) }
                }
            }
            lengths.append(length)
            last = Array(buffer[..<(length ?? 0)])
        }
        let truncated = ResponseFixture.header(flags: 0x8600) + ResponseFixture.question("www.example.test")
        #expect(lengths == [ResponseFixture.answer.count, nil, truncated.count])
        #expect(last == truncated)
        #expect(observer.counts.withLock { $0 } == ["answer dropped": 1, "answer slipped": 1])
    }
}
