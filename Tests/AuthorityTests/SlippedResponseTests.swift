import Testing

@testable import Authority

/// The short reply a rate-limited response slips out as, byte for byte.
struct SlippedResponseTests {
    private func slip(_ bytes: [UInt8]) -> [UInt8]? {
        var buffer = bytes + [0xEE, 0xEE]
        let length = buffer.withUnsafeMutableBytes { SlippedResponse.rewrite($0, length: bytes.count) }
        return length.map { Array(buffer[..<$0]) }
    }

    @Test func withoutEDNSTheHeaderAndQuestionWithTC() {
        let expected = ResponseFixture.header(flags: 0x8600) + ResponseFixture.question("www.example.test")
        #expect(slip(ResponseFixture.answer) == expected)
    }

    @Test func nxdomainKeepsItsRcodeAndLosesItsSOA() {
        let expected = ResponseFixture.header(flags: 0x8603) + ResponseFixture.question("nope.example.test")
        #expect(slip(ResponseFixture.nxdomain("nope.example.test")) == expected)
    }

    @Test func theOPTRecordStaysWithTheProhibitedErrorAlone() {
        let response =
            ResponseFixture.header(flags: 0x8400, answers: 1, additionals: 1) + ResponseFixture.question("www.example.test")
            + ResponseFixture.addressRecord + ResponseFixture.opt(options: ResponseFixture.nsidOption)
        let expected =
            ResponseFixture.header(flags: 0x8600, additionals: 1) + ResponseFixture.question("www.example.test")
            + ResponseFixture.opt(options: [0, 15, 0, 2, 0, 18])
        #expect(slip(response) == expected)
    }

    @Test func aCookieQueryGetsBADCOOKIEWithTheServerCookie() {
        let cookie = ResponseFixture.cookieOption(Array(1...24))
        let response =
            ResponseFixture.header(flags: 0x8500, answers: 1, additionals: 1) + ResponseFixture.question("www.example.test")
            + ResponseFixture.addressRecord + ResponseFixture.opt(options: cookie + ResponseFixture.nsidOption)
        let expected =
            ResponseFixture.header(flags: 0x8107, additionals: 1) + ResponseFixture.question("www.example.test")
            + [0, 0, 41, 0x04, 0xD0, 1, 0, 0x80, 0, 0, 28] + cookie
        #expect(slip(response) == expected)
    }

    @Test func unreadableResponsesAreNotRewritten() {
        #expect(slip([0x12, 0x34, 0x84, 0x00]) == nil)
        #expect(
            slip(ResponseFixture.header(flags: 0x8400, answers: 2) + ResponseFixture.question("www.example.test") + ResponseFixture.addressRecord)
                == nil)
    }
}
