import Authority
import DNSWire
import GNSDServer
import NIOCore
import TestKit
import TestSupport
import Testing

/// Response rate limiting against a running gnsd on loopback: a burst of UDP queries past the
/// rate is answered, slipped (TC) and dropped exactly as configured; the same burst carrying
/// the server cookie gnsd issued is all answered; TCP still answers while UDP is limited.
@Suite(.serialized)
struct RateLimitTests {
    /// What came back for a burst, by query ID.
    struct BurstOutcome: Equatable, CustomStringConvertible {
        var answered = 0
        var truncated = 0
        var dropped = 0

        var description: String { "\(answered) answered, \(truncated) truncated, \(dropped) dropped" }
    }

    /// `label.edge.test A` with `id`; with an OPT record advertising 1232 bytes when `edns` is
    /// set or a `cookie` is given, which a COOKIE option then holds.
    static func query(id: UInt16, label: String = "host", edns: Bool = false, cookie: [UInt8]? = nil) -> [UInt8] {
        let hasOPT = edns || cookie != nil
        var bytes: [UInt8] =
            [UInt8(id >> 8), UInt8(id & 0xFF), 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, hasOPT ? 1 : 0]
            + [UInt8(label.utf8.count)] + Array(label.utf8) + [4] + Array("edge".utf8) + [4] + Array("test".utf8) + [0, 0, 1, 0, 1]
        if hasOPT {
            let options: [UInt8] = cookie.map { [0, 10, 0, UInt8($0.count)] + $0 } ?? []
            bytes += [0, 0, 41, 0x04, 0xD0, 0, 0, 0, 0, 0, UInt8(options.count)] + options
        }
        return bytes
    }

    /// Sends `count` queries at once from one socket (one source port, so one worker), then
    /// reads replies until none comes for a second.
    static func burst(port: Int, count: Int, cookie: [UInt8]? = nil) async throws -> BurstOutcome {
        let socket = try RawSocket(port: port, tcp: false, timeout: 1)
        for id in 0..<count {
            try socket.send(query(id: UInt16(id), cookie: cookie))
        }
        var outcome = BurstOutcome()
        var seen: Set<UInt16> = []
        while let reply = try await socket.receive() {
            var buffer = ByteBuffer(bytes: reply)
            let message = try buffer.readMessage()
            guard seen.insert(message.header.id).inserted else { continue }
            if message.header.truncated {
                #expect(message.answers.isEmpty && message.authorities.isEmpty)
                outcome.truncated += 1
            } else {
                #expect(message.answers.map(\.description) == ["host.edge.test. 20 IN A 192.0.2.1"])
                outcome.answered += 1
            }
        }
        outcome.dropped = count - seen.count
        return outcome
    }

    /// The server cookie gnsd gives 127.0.0.1 for a query of `alias.edge.test`, after the client cookie.
    static func serverCookie(port: Int, clientCookie: [UInt8]) async throws -> [UInt8] {
        let socket = try RawSocket(port: port, tcp: false, timeout: 2)
        let options: [UInt8] = [0, 10, 0, 8] + clientCookie
        try socket.send(
            [0xAB, 0xCD, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 1] + [5] + Array("alias".utf8) + [4] + Array("edge".utf8) + [4]
                + Array("test".utf8) + [0, 0, 1, 0, 1] + [0, 0, 41, 0x04, 0xD0, 0, 0, 0, 0, 0, UInt8(options.count)] + options)
        var buffer = ByteBuffer(bytes: try #require(try await socket.receive()))
        let reply = try buffer.readMessage()
        return try #require(reply.edns?.option(.cookie)).data
    }

    /// Two answers a second, every second limited response slipped, nothing exempt, one worker.
    static func limitTwoPerSecond(_ configuration: inout Configuration) {
        var rateLimit = RateLimitSettings()
        rateLimit.responsesPerSecond = 2
        rateLimit.slip = 2
        rateLimit.exempt = []
        configuration.dns.rateLimit = rateLimit
        configuration.dns.udpWorkers = 1
    }

    @Test func aBurstIsLimitedAsConfiguredButNotWithACookieOrOverTCP() async throws {
        let zones = try ServedZones.edgeCaseDirectory()
        defer { zones.remove() }
        try await withServer(zones: zones.path, adjust: Self.limitTwoPerSecond) { server in
            let cookie = try await Self.serverCookie(port: server.port, clientCookie: [1, 2, 3, 4, 5, 6, 7, 8])
            #expect(cookie.count == 24)

            let limited = try await Self.burst(port: server.port, count: 40)
            #expect(limited == BurstOutcome(answered: 2, truncated: 19, dropped: 19))

            let overTCP = try await DNSLookup.query(.dig, port: server.port, "host.edge.test", "A", options: ["+tcp"])
            #expect(overTCP.answer == ["host.edge.test. 20 IN A 192.0.2.1"], "\(overTCP)")

            let withCookie = try await Self.burst(port: server.port, count: 40, cookie: cookie)
            #expect(withCookie == BurstOutcome(answered: 40, truncated: 0, dropped: 0))

            let metrics = try await APIClient(port: server.apiPort).send("GET", "/metrics").body
            #expect(metrics.contains(#"gnsd_dns_rate_limited_total{kind="answer",action="dropped"} 19"#), "\(metrics)")
            #expect(metrics.contains(#"gnsd_dns_rate_limited_total{kind="answer",action="slipped"} 19"#), "\(metrics)")
        }
    }

    /// 200 queries of 43 bytes for 60 A records (about 1,000 bytes each unlimited) bring back two
    /// answers and 99 slipped replies of the query's size plus the Prohibited extended error's six
    /// bytes: fewer bytes than were sent.
    @Test func aFloodFromOneNetworkIsNotAmplified() async throws {
        let wide = (1...60).map { "wide        A     203.0.113.\($0)" }.joined(separator: "\n")
        let zones = try ServedZones.edgeCaseDirectory(extra: wide)
        defer { zones.remove() }
        try await withServer(zones: zones.path, adjust: Self.limitTwoPerSecond) { server in
            let socket = try RawSocket(port: server.port, tcp: false, timeout: 1)
            let querySize = Self.query(id: 0, label: "wide", edns: true).count
            #expect(querySize == 43)
            for id in 0..<200 {
                try socket.send(Self.query(id: UInt16(id), label: "wide", edns: true))
            }
            var sizes: [Int] = []
            while let reply = try await socket.receive() {
                sizes.append(reply.count)
            }
            #expect(sizes.filter { $0 > 900 }.count == 2, "\(sizes)")
            #expect(sizes.filter { $0 == querySize + 6 }.count == 99, "\(sizes)")
            #expect(sizes.count == 101)
            #expect(sizes.reduce(0, +) < 200 * querySize)
        }
    }

    @Test func offAnswersEveryQuery() async throws {
        let zones = try ServedZones.edgeCaseDirectory()
        defer { zones.remove() }
        try await withServer(zones: zones.path, adjust: { $0.dns.rateLimit = nil }) { server in
            let outcome = try await Self.burst(port: server.port, count: 40)
            #expect(outcome == BurstOutcome(answered: 40, truncated: 0, dropped: 0))
        }
    }

    @Test func clusterNetworksAreNeverLimited() async throws {
        let zones = try ServedZones.edgeCaseDirectory()
        defer { zones.remove() }
        let adjust: (inout Configuration) -> Void = { configuration in
            Self.limitTwoPerSecond(&configuration)
            configuration.clusters = [ClusterSettings(id: "local", networks: [IPNetwork("127.0.0.0/24")!])]
        }
        try await withServer(zones: zones.path, adjust: adjust) { server in
            let outcome = try await Self.burst(port: server.port, count: 40)
            #expect(outcome == BurstOutcome(answered: 40, truncated: 0, dropped: 0))
        }
    }

    @Test func loopbackIsExemptByDefault() async throws {
        let zones = try ServedZones.edgeCaseDirectory()
        defer { zones.remove() }
        try await withServer(zones: zones.path, adjust: { $0.dns.rateLimit?.responsesPerSecond = 2 }) { server in
            let outcome = try await Self.burst(port: server.port, count: 40)
            #expect(outcome == BurstOutcome(answered: 40, truncated: 0, dropped: 0))
        }
    }
}
