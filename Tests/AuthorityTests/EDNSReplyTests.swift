import Testing

@testable import Authority

/// The EDNS decisions both answer paths take from one ``EDNSReply``: size limit, OPT payload
/// size and flags, options carried, and the queries answered about their OPT record alone.
struct EDNSReplyTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let testDescription: String
        var payloadSize: UInt16? = 4096
        var version: UInt8 = 0
        var flags: UInt16 = 0
        var cookieLength: Int?
        var asksForNSID = false
        var hasClientSubnet = false
        var nsidLength: Int? = 9
        let expected: Expected
    }

    struct Expected: Equatable, Sendable {
        var outcome: EDNSReply.Outcome = .answered
        var sizeLimit = 1232
        var flags: UInt16 = 0
        var carriesCookie = false
        var carriesNSID = false
        var hasClientSubnet = false
        var optLength = 11
    }

    static let cases: [Case] = [
        Case(
            testDescription: "no OPT record", payloadSize: nil, asksForNSID: true, hasClientSubnet: true,
            expected: Expected(outcome: .none, sizeLimit: 512, optLength: 0)),
        Case(testDescription: "a large payload is capped", expected: Expected()),
        Case(testDescription: "a payload below 512 counts as 512", payloadSize: 100, expected: Expected(sizeLimit: 512)),
        Case(testDescription: "a payload within the cap is kept", payloadSize: 800, expected: Expected(sizeLimit: 800)),
        Case(testDescription: "DO is echoed, other flags are not", flags: 0xFFFF, expected: Expected(flags: 0x8000)),
        Case(
            testDescription: "version 1 is BADVERS without options", version: 1, cookieLength: 8, asksForNSID: true,
            expected: Expected(outcome: .badVersion)),
        Case(
            testDescription: "a 7-byte cookie is malformed", cookieLength: 7, asksForNSID: true,
            expected: Expected(outcome: .malformedCookie)),
        Case(testDescription: "a 41-byte cookie is malformed", cookieLength: 41, expected: Expected(outcome: .malformedCookie)),
        Case(
            testDescription: "a client cookie gets a server cookie", cookieLength: 8,
            expected: Expected(carriesCookie: true, optLength: 11 + 4 + 24)),
        Case(
            testDescription: "a returned server cookie gets a fresh one", cookieLength: 24,
            expected: Expected(carriesCookie: true, optLength: 11 + 4 + 24)),
        Case(testDescription: "NSID when asked", asksForNSID: true, expected: Expected(carriesNSID: true, optLength: 11 + 4 + 9)),
        Case(testDescription: "no NSID when none is configured", asksForNSID: true, nsidLength: nil, expected: Expected()),
        Case(
            testDescription: "cookie and NSID", cookieLength: 8, asksForNSID: true,
            expected: Expected(carriesCookie: true, carriesNSID: true, optLength: 11 + 28 + 13)),
        Case(testDescription: "a Client Subnet option is noted", hasClientSubnet: true, expected: Expected(hasClientSubnet: true)),
    ]

    @Test(arguments: cases)
    func decides(_ testCase: Case) {
        let reply = EDNSReply(
            payloadSize: testCase.payloadSize, version: testCase.version, flags: testCase.flags, cookieLength: testCase.cookieLength,
            asksForNSID: testCase.asksForNSID, hasClientSubnet: testCase.hasClientSubnet, maxUDPPayload: 1232,
            nsidLength: testCase.nsidLength)
        let found = Expected(
            outcome: reply.outcome, sizeLimit: reply.sizeLimit, flags: reply.flags, carriesCookie: reply.carriesCookie,
            carriesNSID: reply.carriesNSID, hasClientSubnet: reply.hasClientSubnet, optLength: reply.optLength)
        #expect(found == testCase.expected)
        #expect(reply.payloadSize == 1232)
    }
}
