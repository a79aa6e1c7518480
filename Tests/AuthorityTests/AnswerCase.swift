import Authority
import DNSWire
import Testing

/// One row of an answer table: {qname, qtype, client} → rcode, AA and each section as zone-file text.
struct AnswerCase: CustomTestStringConvertible, Sendable {
    var name: String
    var type: RecordType
    var client: DiscoveryFixture.Client = .outside
    var rcode: ResponseCode = .noError
    var authoritative = true
    var answers: [String] = []
    var authorities: [String] = []
    var additionals: [String] = []

    var testDescription: String { client == .outside ? "\(name) \(type)" : "\(name) \(type) from \(client)" }

    /// Expects `result` to match the row.
    func check(_ result: LookupResult) {
        #expect(result.rcode == rcode)
        #expect(result.isAuthoritative == authoritative)
        #expect(result.sections.answers.map(\.description) == answers)
        #expect(result.sections.authorities.map(\.description) == authorities)
        #expect(result.sections.additionals.map(\.description) == additionals)
    }
}
