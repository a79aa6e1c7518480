import DNSWire
import Testing
import ZoneFile

/// Each way a zone can be wrong stops the load with its reason and the line where the entry starts.
struct ValidationTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var body: String
        var line: Int
        var reason: String
        var testDescription: String { reason }
    }

    /// Bodies after the four-line apex of ``TestZones/apex``: their first line is line 5.
    static let cases: [Case] = [
        Case(body: "www A 192.0.2", line: 5, reason: "Syntax error, could not parse the RR's rdata"),
        Case(
            body: "; a comment\n\n    ; an indented comment\nwww A 192.0.2.1\nbad A 192.0.2",
            line: 9, reason: "Syntax error, could not parse the RR's rdata"),
        Case(
            body: "long TXT ( \"one\"\n  \"two\" )\n\nwww.other.test. A 192.0.2.1",
            line: 8, reason: "out of zone: www.other.test. is not in example.test."),
        Case(body: "chaos CH TXT \"x\"", line: 5, reason: "class CH is not served; zones hold class IN only"),
        Case(body: "@ SOA ns1 hostmaster 2 3600 600 604800 30", line: 5, reason: "more than one SOA record"),
        Case(
            body: "sub SOA ns1 hostmaster 1 3600 600 604800 30", line: 5,
            reason: "SOA record at sub.example.test., not at the zone apex example.test."),
        Case(body: "www A 192.0.2.1\nwww CNAME host", line: 6, reason: "CNAME and other data at www.example.test."),
        Case(body: "www CNAME host\nwww TXT \"x\"", line: 6, reason: "CNAME and other data at www.example.test."),
        Case(body: "@ CNAME host", line: 5, reason: "CNAME and other data at example.test."),
        Case(body: "www CNAME a\nwww CNAME b", line: 6, reason: "more than one CNAME record at www.example.test."),
        Case(
            body: "www 60 A 192.0.2.1\nwww 120 A 192.0.2.2", line: 6,
            reason: "TTL 120 differs from TTL 60 of the other A records at www.example.test."),
        Case(body: "$TTL soon", line: 5, reason: "invalid $TTL value \"soon\""),
        Case(body: "$TTL 1 2", line: 5, reason: "$TTL takes one value"),
        Case(body: "$ORIGIN a. b.", line: 5, reason: "$ORIGIN takes one domain name"),
        Case(body: "$INCLUDE", line: 5, reason: "$INCLUDE takes a file name and an optional origin"),
    ]

    @Test(arguments: cases)
    func reportsLineAndReason(_ testCase: Case) throws {
        let error = try TestZones.loadError(TestZones.zone(testCase.body))
        #expect(error?.line == testCase.line)
        #expect(error?.reason == testCase.reason)
    }

    @Test func recordWithoutAnyTTLIsAnError() throws {
        let error = try TestZones.loadError("@ IN SOA ns1 hostmaster 1 3600 600 604800 30\n")
        #expect(error?.line == 1)
        #expect(error?.reason == "no TTL: write one on the record or set $TTL before it")
    }

    @Test(arguments: [
        ("", "no SOA record at the zone apex example.test."),
        ("$TTL 300\n@ NS ns1\nns1 A 127.0.0.1\n", "no SOA record at the zone apex example.test."),
        ("$TTL 300\n@ SOA ns1 hostmaster 1 3600 600 604800 30\n", "no NS records at the zone apex example.test."),
        ("$TTL 300\n@ SOA ns1 hostmaster 1 3600 600 604800 30\nsub NS ns1\n", "no NS records at the zone apex example.test."),
    ])
    func wholeZoneErrorsHaveNoLine(text: String, reason: String) throws {
        let error = try TestZones.loadError(text)
        #expect(error?.line == nil)
        #expect(error?.reason == reason)
    }

    @Test func missingFileIsAnError() {
        #expect(throws: ZoneFileError(file: "/nonexistent/example.test.zone", reason: "cannot open: No such file or directory")) {
            try ZoneFileLoader.load(file: "/nonexistent/example.test.zone")
        }
    }

    @Test func descriptionReadsLikeADiagnostic() {
        #expect(ZoneFileError(file: "zones/acme.local.zone", line: 12, reason: "bad").description == "zones/acme.local.zone:12: bad")
        #expect(ZoneFileError(file: "zones/acme.local.zone", reason: "bad").description == "zones/acme.local.zone: bad")
    }
}
