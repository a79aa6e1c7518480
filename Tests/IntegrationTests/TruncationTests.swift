import TestSupport
import Testing

/// UDP answers respect the client's size limit with TC set at an RRset boundary; TCP carries the whole answer.
@Suite(.serialized)
struct TruncationTests {
    static let bigRRsetSize = 100

    @Test func ednsBufferSizeCappedAtMaximumTruncatesAndTCPCarriesAll() async throws {
        let zones = try ServedZones.edgeCaseDirectory()
        defer { zones.remove() }
        try await withServer(zones: zones.path) { server in
            for options in [["+bufsize=512"], ["+noedns"], ["+bufsize=4096"]] {
                let udp = try await DNSLookup.query(.dig, port: server.port, "big.edge.test", "A", options: options + ["+ignore"])
                #expect(udp.rcode == "NOERROR")
                #expect(udp.flags == ["qr", "aa", "tc", "rd"], "\(options)\n\(udp)")
                #expect(udp.answer.isEmpty, "\(udp)")
            }
            let kdig = try await DNSLookup.query(.kdig, port: server.port, "big.edge.test", "A", options: ["+bufsize=512", "+ignore"])
            #expect(kdig.flags == ["qr", "aa", "tc", "rd"], "\(kdig)")
            for client in DNSClient.allCases {
                let tcp = try await DNSLookup.query(client, port: server.port, "big.edge.test", "A", options: [AnswerTests.tcpOption(client)])
                #expect(tcp.flags == ["qr", "aa", "rd"], "\(tcp)")
                #expect(tcp.answer.count == Self.bigRRsetSize)
                #expect(tcp.answer.first == "big.edge.test. 600 IN A 198.51.100.1")
            }
            let retried = try await DNSLookup.query(.dig, port: server.port, "big.edge.test", "A", options: ["+bufsize=512"])
            #expect(retried.answer.count == Self.bigRRsetSize, "dig retries over TCP after TC")
        }
    }

    @Test func largerConfiguredPayloadFitsOverUDP() async throws {
        let zones = try ServedZones.edgeCaseDirectory()
        defer { zones.remove() }
        try await withServer(zones: zones.path, adjust: { $0.dns.maxUDPPayload = 4096 }) { server in
            let udp = try await DNSLookup.query(.dig, port: server.port, "big.edge.test", "A", options: ["+bufsize=4096", "+ignore"])
            #expect(udp.flags == ["qr", "aa", "rd"], "\(udp)")
            #expect(udp.answer.count == Self.bigRRsetSize)
            #expect(udp.raw.contains("udp: 4096"), "\(udp)")
        }
    }
}
