import DNSWire
import EndpointTable
import NIOCore
import Testing

@testable import Authority

/// Extended DNS Errors (RFC 8914): why a response is what it is, for clients that speak EDNS.
struct ExtendedErrorTests {
    static let client = try! SocketAddress(ipAddress: "192.0.2.200", port: 40000)

    static func responder(extendedErrorText: Bool = false) -> QueryResponder {
        let settings = DiscoveryFixture.settings(staleAnswerTTL: 2, extendedErrorText: extendedErrorText)
        let snapshot = DiscoveryFixture.snapshot()
        return QueryResponder(
            answerSource: AnswerSource(zones: ZoneSetPublisher(DiscoveryFixture.zoneSet), table: { snapshot }, settings: settings),
            settings: ResponderSettings(cookieSecret: Array(0..<16)), now: { 1_700_000_000 })
    }

    static func respond(_ query: [UInt8], responder: QueryResponder = responder()) throws -> Message {
        var buffer = try #require(responder.respond(to: ByteBuffer(bytes: query), from: client, overTCP: false, allocator: ByteBufferAllocator()))
        return try buffer.readMessage()
    }

    /// The extended errors of `message`'s OPT record, as (code, text).
    static func extendedErrors(_ message: Message) -> [String] {
        (message.edns?.options ?? []).filter { $0.code == .extendedError }.compactMap { option in
            ExtendedDNSError(optionData: option.data).map { "\($0.infoCode.rawValue) \(String(decoding: $0.text, as: UTF8.self))" }
        }
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        var type: UInt16 = 1
        var qclass: UInt16 = 1
        var flags: UInt16 = 0x0100
        let rcode: ResponseCode
        let extendedError: String?
        var testDescription: String { "\(name) type \(type) class \(qclass) flags \(flags) → \(rcode) \(extendedError ?? "none")" }
    }

    static let cases: [Case] = [
        Case(name: "www.example.test", rcode: .noError, extendedError: nil),
        Case(name: "nope.example.test", rcode: .nxDomain, extendedError: nil),
        Case(name: "web.default.svc.clusterset.local", rcode: .noError, extendedError: nil),
        Case(name: "example.org", rcode: .refused, extendedError: "20 "),
        Case(name: "www.example.test", qclass: 255, rcode: .refused, extendedError: "20 "),
        Case(name: "whoami.example", qclass: 3, rcode: .refused, extendedError: "20 "),
        Case(name: "version.bind", type: 16, qclass: 3, rcode: .refused, extendedError: "18 "),
        Case(name: "example.test", type: 252, rcode: .notImp, extendedError: "21 "),
        Case(name: "example.test", type: 253, rcode: .notImp, extendedError: "21 "),
        Case(name: "example.test", flags: 0x1100, rcode: .notImp, extendedError: "21 "),
        Case(name: "example.test", type: 41, rcode: .formErr, extendedError: nil),
        Case(name: "legacy.default.svc.clusterset.local", rcode: .noError, extendedError: "3 "),
        Case(name: "idle.default.svc.clusterset.local", rcode: .noError, extendedError: nil),
    ]

    @Test(arguments: cases)
    func eachOutcomeCarriesItsCodeOnlyWithEDNS(_ testCase: Case) throws {
        let query = QueryResponderTests.query(testCase.name, type: testCase.type, qclass: testCase.qclass, flags: testCase.flags)
        let plain = try Self.respond(query)
        #expect(plain.rcode == testCase.rcode)
        #expect(plain.edns == nil)
        let withEDNS = try Self.respond(
            QueryResponderTests.query(
                testCase.name, type: testCase.type, qclass: testCase.qclass, flags: testCase.flags, opt: QueryResponderTests.opt()))
        #expect(withEDNS.rcode == testCase.rcode)
        #expect(Self.extendedErrors(withEDNS) == (testCase.extendedError.map { [$0] } ?? []))
    }

    @Test func aFailStaticAnswerHasItsTTLCappedWithOrWithoutEDNS() throws {
        for opt in [nil, QueryResponderTests.opt()] {
            let message = try Self.respond(QueryResponderTests.query("legacy.default.svc.clusterset.local", opt: opt))
            #expect(message.answers.map(\.description) == ["legacy.default.svc.clusterset.local. 2 IN A 172.16.4.20"])
        }
        let live = try Self.respond(QueryResponderTests.query("web.default.svc.clusterset.local"))
        #expect(live.answers.allSatisfy { $0.ttl == 5 })
    }

    @Test func textNamesTheLapsedClustersAndWhyNoClusterAnswersWhenTurnedOn() throws {
        let responder = Self.responder(extendedErrorText: true)
        let stale = try Self.respond(
            QueryResponderTests.query("legacy.default.svc.clusterset.local", opt: QueryResponderTests.opt()), responder: responder)
        #expect(Self.extendedErrors(stale) == ["3 fail static: leases lapsed for eu-west-2"])
        let idle = try Self.respond(
            QueryResponderTests.query("idle.default.svc.clusterset.local", opt: QueryResponderTests.opt()), responder: responder)
        #expect(idle.answers.isEmpty)
        #expect(Self.extendedErrors(idle) == ["0 no cluster answers: us-east-2: no ready endpoint"])
        let refused = try Self.respond(QueryResponderTests.query("example.org", opt: QueryResponderTests.opt()), responder: responder)
        #expect(Self.extendedErrors(refused) == ["20 "])
    }

    @Test func textIsCutAtACharacterBoundaryWithinTheLimit() {
        let error = ExtendedDNSError(.other, text: String(repeating: "é", count: 150))
        #expect(error.text.count == ExtendedDNSError.maxTextLength)
        #expect(String(validating: error.text, as: UTF8.self) != nil)
        #expect(ExtendedDNSError(optionData: error.optionData) == error)
        #expect(ExtendedDNSError(optionData: [0]) == nil)
    }
}
