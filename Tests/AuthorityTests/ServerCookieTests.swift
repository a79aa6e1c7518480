import Testing

@testable import Authority

/// Server cookies (RFC 9018) checked on their way back: key of the current or previous
/// rotation period, timestamp within an hour past and five minutes ahead, the right address.
struct ServerCookieTests {
    static let issued: UInt32 = 1_700_000_000
    static let client: [UInt8] = [192, 0, 2, 7]
    static let cookies = ServerCookie(secret: .init(key: Array(0..<16), rotationSeconds: 7200))

    /// The COOKIE option data a client sends back: its client cookie and the server cookie issued at `timestamp`.
    static func returned(at timestamp: UInt32 = issued, to address: [UInt8] = client, by cookies: ServerCookie = cookies) -> [UInt8] {
        cookies.reply(to: [1, 2, 3, 4, 5, 6, 7, 8], clientAddress: address, timestamp: timestamp)
    }

    private func isValid(_ data: [UInt8], from address: [UInt8] = client, at now: UInt32, cookies: ServerCookie = cookies) -> Bool {
        data.withUnsafeBytes { cookie in address.withUnsafeBytes { cookies.isValidServerCookie(cookie, clientAddress: $0, now: now) } }
    }

    @Test func aFreshCookieIsValid() {
        #expect(isValid(Self.returned(), at: Self.issued))
        #expect(isValid(Self.returned(), at: Self.issued + 3600))
        #expect(isValid(Self.returned(to: Array(repeating: 0xFD, count: 16)), from: Array(repeating: 0xFD, count: 16), at: Self.issued + 10))
    }

    @Test func olderThanAnHourIsInvalid() {
        #expect(!isValid(Self.returned(), at: Self.issued + 3601))
    }

    @Test func atMostFiveMinutesAhead() {
        #expect(isValid(Self.returned(), at: Self.issued - 300))
        #expect(!isValid(Self.returned(), at: Self.issued - 301))
    }

    /// A cookie issued 100 s before its 7,200-second period ended still checks 100 s into the
    /// next period, under the previous period's key.
    @Test func thePreviousPeriodsKeyStillChecks() {
        let nextPeriod = (Self.issued / 7200 + 1) * 7200
        let cookie = Self.returned(at: nextPeriod - 100)
        #expect(isValid(cookie, at: nextPeriod - 50))
        #expect(isValid(cookie, at: nextPeriod + 100))
    }

    /// The same fields at the same time hash differently when the period differs: 1,700,000,000
    /// lies in period 472,222 of an hour and in period 236,111 of two hours.
    @Test func theKeyRotatesWithThePeriod() {
        let hourly = ServerCookie(secret: .init(key: Array(0..<16), rotationSeconds: 3600))
        let twoHourly = Self.returned()
        let oneHourly = Self.returned(by: hourly)
        #expect(Array(twoHourly[..<16]) == Array(oneHourly[..<16]))
        #expect(Array(twoHourly[16...]) != Array(oneHourly[16...]))
        #expect(!isValid(twoHourly, at: Self.issued, cookies: hourly))
        let otherSecret = ServerCookie(secret: .init(key: Array(repeating: 7, count: 16), rotationSeconds: 7200))
        #expect(!isValid(twoHourly, at: Self.issued, cookies: otherSecret))
    }

    @Test func anotherAddressOrATamperedCookieIsInvalid() {
        #expect(!isValid(Self.returned(), from: [192, 0, 2, 8], at: Self.issued))
        var tampered = Self.returned()
        tampered[23] ^= 1
        #expect(!isValid(tampered, at: Self.issued))
        var otherClientCookie = Self.returned()
        otherClientCookie[0] ^= 1
        #expect(!isValid(otherClientCookie, at: Self.issued))
        var version2 = Self.returned()
        version2[8] = 2
        #expect(!isValid(version2, at: Self.issued))
        #expect(!isValid(Array(Self.returned()[..<16]), at: Self.issued))
        #expect(!isValid([1, 2, 3, 4, 5, 6, 7, 8], at: Self.issued))
    }

    @Test func theReplyKeepsItsLayout() {
        let data = Self.returned()
        #expect(data.count == 24)
        #expect(Array(data[..<16]) == [1, 2, 3, 4, 5, 6, 7, 8, 1, 0, 0, 0, 0x65, 0x53, 0xF1, 0x00])
    }
}
