import TestSupport
import Testing

/// Real clients (dig, kdig, drill) over UDP and TCP see exact answers from a running gnsd.
@Suite(.serialized)
struct AnswerTests {
    struct Expectation: Sendable, CustomTestStringConvertible {
        var name: String
        var type: String
        var rcode = "NOERROR"
        var flags: Set<String> = ["qr", "aa", "rd"]
        var answer: [String] = []
        var authority: [String] = []
        var additional: [String] = []
        var testDescription: String { "\(name) \(type)" }
    }

    static let soa = "edge.test. 60 IN SOA ns1.edge.test. hostmaster.edge.test. 1 3600 600 86400 60"

    static let expectations: [Expectation] = [
        Expectation(name: "host.edge.test", type: "A", answer: ["host.edge.test. 20 IN A 192.0.2.1"]),
        Expectation(name: "host.edge.test", type: "AAAA", answer: ["host.edge.test. 20 IN AAAA 2001:db8::1"]),
        Expectation(name: "missing.edge.test", type: "A", rcode: "NXDOMAIN", authority: [soa]),
        Expectation(name: "host.edge.test", type: "MX", authority: [soa]),
        Expectation(
            name: "alias.edge.test", type: "A",
            answer: ["alias.edge.test. 600 IN CNAME host.edge.test.", "host.edge.test. 20 IN A 192.0.2.1"]),
        Expectation(name: "x.any.edge.test", type: "TXT", answer: ["x.any.edge.test. 600 IN TXT \"matched\""]),
        Expectation(
            name: "www.sub.edge.test", type: "A", flags: ["qr", "rd"],
            authority: ["sub.edge.test. 600 IN NS ns.sub.edge.test."], additional: ["ns.sub.edge.test. 600 IN A 192.0.2.53"]),
        Expectation(name: "host.edge.test", type: "ANY", answer: ["host.edge.test. 20 IN A 192.0.2.1"]),
        Expectation(name: "www.example.com", type: "A", rcode: "REFUSED", flags: ["qr", "rd"]),
    ]

    static let clients: [(DNSClient, Bool)] = DNSClient.allCases.flatMap { [($0, false), ($0, true)] }

    static func tcpOption(_ client: DNSClient) -> String { client == .drill ? "-t" : "+tcp" }

    @Test(arguments: DNSClient.allCases, [false, true])
    func answersAreExact(client: DNSClient, tcp: Bool) async throws {
        let zones = try ServedZones.edgeCaseDirectory()
        defer { zones.remove() }
        try await withServer(zones: zones.path) { server in
            for expected in Self.expectations {
                let lookup = try await DNSLookup.query(
                    client, port: server.port, expected.name, expected.type, options: tcp ? [Self.tcpOption(client)] : [])
                #expect(lookup.rcode == expected.rcode, "\(expected)\n\(lookup)")
                #expect(lookup.flags == expected.flags, "\(expected)\n\(lookup)")
                #expect(lookup.answer == expected.answer, "\(expected)\n\(lookup)")
                #expect(lookup.authority == expected.authority, "\(expected)\n\(lookup)")
                #expect(lookup.additional == expected.additional, "\(expected)\n\(lookup)")
            }
        }
    }

    @Test func questionCaseIsEchoedByteForByte() async throws {
        let zones = try ServedZones.edgeCaseDirectory()
        defer { zones.remove() }
        try await withServer(zones: zones.path) { server in
            let lookup = try await DNSLookup.query(.dig, port: server.port, "HoSt.EdGe.TeSt", "AAAA")
            #expect(lookup.raw.contains(";HoSt.EdGe.TeSt.\t\t\tIN\tAAAA"), "\(lookup)")
            #expect(lookup.answer == ["HoSt.EdGe.TeSt. 20 IN AAAA 2001:db8::1"])
        }
    }

    @Test func answersOverIPv6() async throws {
        let zones = try ServedZones.edgeCaseDirectory()
        defer { zones.remove() }
        try await withServer(zones: zones.path) { server in
            for options in [[], ["+tcp"]] {
                let lookup = try await DNSLookup.query(.dig, port: server.ipv6Port, "host.edge.test", "A", options: options, ipv6: true)
                #expect(lookup.answer == ["host.edge.test. 20 IN A 192.0.2.1"], "\(lookup)")
            }
        }
    }

    @Test func shippedZoneAnswersItsSOA() async throws {
        try await withServer(zones: ServedZones.shipped) { server in
            for client in DNSClient.allCases {
                let lookup = try await DNSLookup.query(client, port: server.port, "acme.local", "SOA")
                #expect(lookup.rcode == "NOERROR")
                #expect(lookup.flags == ["qr", "aa", "rd"])
                #expect(
                    lookup.answer == [
                        "acme.local. 3600 IN SOA ns1.acme.local. hostmaster.acme.local. 2025060101 3600 600 1209600 30"
                    ], "\(lookup)")
            }
            let schema = try await DNSLookup.query(.dig, port: server.port, "dns-version.clusterset.local", "TXT")
            #expect(schema.answer == ["dns-version.clusterset.local. 28800 IN TXT \"1.0.0\""], "\(schema)")
        }
    }
}
