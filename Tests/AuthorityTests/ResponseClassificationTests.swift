import DNSWire
import Testing

@testable import Authority

/// Responses told apart from their bytes: kind, and the name they count under.
struct ResponseClassificationTests {
    private func classify(_ bytes: [UInt8]) -> ResponseClassification {
        bytes.withUnsafeBytes { ResponseClassification(response: $0) }
    }

    @Test func kindsFromTheRcodeAndTheAnswerCount() {
        #expect(classify(ResponseFixture.answer).kind == .answer)
        #expect(classify(ResponseFixture.nxdomain("nope.example.test")).kind == .nxdomain)
        #expect(classify(ResponseFixture.nodata("www.example.test")).kind == .nodata)
        #expect(classify(ResponseFixture.refused("www.other.test")).kind == .error)
        #expect(classify(ResponseClassificationTests.badVersion).kind == .error)
        #expect(classify([0x12, 0x34, 0x81]).kind == .error)
        #expect(classify(ResponseFixture.header(flags: 0x8400, answers: 1) + [3, 0x77]).kind == .error)
    }

    /// NOERROR with no record at all and BADVERS in the OPT record.
    static let badVersion =
        ResponseFixture.header(flags: 0x8400, additionals: 1) + ResponseFixture.question("www.example.test")
        + [0, 0, 41, 0x04, 0xD0, 1, 0, 0, 0, 0, 0]

    @Test func nxdomainAndNodataCountUnderTheZone() {
        let nope = classify(ResponseFixture.nxdomain("nope.example.test"))
        let other = classify(ResponseFixture.nxdomain("another.example.test"))
        #expect(nope.nameHash == other.nameHash)
        #expect(nope.nameHash != 0)
        let www = classify(ResponseFixture.nodata("www.example.test"))
        let mail = classify(ResponseFixture.nodata("mail.example.test"))
        #expect(www.nameHash == mail.nameHash)
        #expect(www.nameHash == nope.nameHash)
    }

    @Test func answersCountUnderTheQuestionNameAndTypeInAnyCase() {
        let lower = classify(ResponseFixture.answer)
        let upper = classify(
            ResponseFixture.header(flags: 0x8400, answers: 1) + ResponseFixture.question("WWW.Example.TEST") + ResponseFixture.addressRecord)
        let otherName = classify(
            ResponseFixture.header(flags: 0x8400, answers: 1) + ResponseFixture.question("ftp.example.test") + ResponseFixture.addressRecord)
        let otherType = classify(
            ResponseFixture.header(flags: 0x8400, answers: 1) + ResponseFixture.question("www.example.test", type: 16) + ResponseFixture.addressRecord
        )
        #expect(lower == upper)
        #expect(lower.nameHash != otherName.nameHash)
        #expect(lower.nameHash != otherType.nameHash)
    }

    @Test func errorsCountWithoutAName() {
        #expect(classify(ResponseFixture.refused("a.test")) == classify(ResponseFixture.refused("b.other.test")))
        #expect(classify(ResponseFixture.refused("a.test")).nameHash == 0)
    }

    @Test func aCompressionLoopIsAnError() {
        let looping =
            ResponseFixture.header(flags: 0x8403, authorities: 1) + ResponseFixture.question("nope.example.test")
            + [0xC0, 35, 0, 6, 0, 1, 0, 0, 0, 5, 0, 0]
        #expect(classify(looping).kind == .error)
    }

    /// The copy path hands over the query's `QueryView.nameHash(in:)`: the same hash the
    /// classification finds by walking the response's question, so both paths share buckets.
    @Test(arguments: ["www.example.test", "WWW.Example.TEST", "a.b.c.d.example.test"])
    func aQuestionNameHashFromTheQueryIsTheOneTheResponseGives(_ name: String) throws {
        let query = ResponseFixture.header(flags: 0x0100) + ResponseFixture.question(name)
        let hash = try #require(query.withUnsafeBytes { bytes in QueryView(bytes).map { $0.nameHash(in: bytes) } })
        let response = ResponseFixture.header(flags: 0x8400, answers: 1) + ResponseFixture.question(name) + ResponseFixture.addressRecord
        let given = response.withUnsafeBytes { ResponseClassification(response: $0, questionNameHash: hash) }
        #expect(given == classify(response))
        #expect(given.kind == .answer)
    }
}
