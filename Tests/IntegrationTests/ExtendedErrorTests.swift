import DNSWire
import EndpointTable
import Foundation
import GNSDServer
import NIOCore
import PushAPI
import TestKit
import TestSupport
import Testing

/// Extended DNS Errors (RFC 8914) as dig and kdig show them, straight from gnsd and through the
/// forwarders users put in front of it: a stale answer (fail static) carries Stale Answer with its
/// TTL capped, a name outside gnsd's zones Not Authoritative, a meta type Not Supported, a
/// transfer the access rules refuse Prohibited.
@Suite(.serialized)
struct ExtendedErrorTests {
    static let token = "west-secret"

    /// One cluster exporting `default/catalog` under acme.local, whose answers live 60 s; leases
    /// of 10 s; stale answers capped at 20 s; `text` turns the error text on.
    static func configure(text: Bool) -> @Sendable (inout Configuration) -> Void {
        { configuration in
            configuration.clusters = [ClusterSettings(id: "aws-west", tokenSHA256: APISettings.tokenHash(token), networks: [])]
            configuration.globalNamespaces = [
                GlobalNamespaceSettings(name: "acme", domain: "acme.local.", ttl: 60, members: [.init(namespace: "default")])
            ]
            configuration.leases.durationSeconds = 10
            configuration.leases.graceSeconds = 0
            configuration.answers.staleTTL = 20
            configuration.dns.extendedErrorText = text
        }
    }

    static let snapshot = """
        {"generation": 1, "exports": [{"namespace": "default", "name": "catalog", "type": "clusterSetIP", "ips": ["10.96.0.1"],
          "ports": [{"name": "http", "port": 80, "protocol": "TCP"}], "endpoints": [{"addresses": ["10.200.0.1"], "ready": true}]}]}
        """

    /// Pushes the snapshot, then lets aws-west's lease lapse on `clock` and waits until gnsd says so.
    static func pushThenLapse(_ server: RunningServer, clock: ManualLeaseClock) async throws {
        let push = try await APIClient(port: server.apiPort, token: token).send("PUT", "/v1/clusters/aws-west/snapshot", json: snapshot)
        #expect(push.status == 200, "\(push)")
        let live = try await DNSLookup.query(.dig, port: server.port, "catalog.acme.local", "A")
        #expect(live.answer == ["catalog.acme.local. 60 IN A 10.96.0.1"], "\(live)")
        #expect(!live.raw.contains("EDE"), "\(live)")
        clock.advance(by: .seconds(11))
        let lapsed = try await eventually(within: .seconds(5), every: .milliseconds(100)) {
            try await DNSLookup.query(.dig, port: server.port, "catalog.acme.local", "A").answer == ["catalog.acme.local. 20 IN A 10.96.0.1"]
        }
        #expect(lapsed, "the lapsed cluster's answer is served stale, its TTL capped")
    }

    @Test func digAndKdigShowEachError() async throws {
        let clock = ManualLeaseClock()
        try await withServer(zones: ServedZones.shipped, clock: clock, adjust: Self.configure(text: false)) { server in
            try await Self.pushThenLapse(server, clock: clock)
            let stale = try await DNSLookup.query(.dig, port: server.port, "catalog.acme.local", "A")
            #expect(stale.rcode == "NOERROR")
            #expect(stale.raw.contains("; EDE: 3 (Stale Answer)\n"), "\(stale)")
            let staleKdig = try await DNSLookup.query(.kdig, port: server.port, "catalog.acme.local", "A", options: ["+edns"])
            #expect(staleKdig.raw.contains(";; EDE: 3 (Stale Answer)\n"), "\(staleKdig)")
            let plain = try await DNSLookup.query(.dig, port: server.port, "catalog.acme.local", "A", options: ["+noedns"])
            #expect(plain.answer == ["catalog.acme.local. 20 IN A 10.96.0.1"], "\(plain)")
            #expect(!plain.raw.contains("EDE"), "no OPT record, no extended error: \(plain)")

            let outside = try await DNSLookup.query(.dig, port: server.port, "example.org", "A")
            #expect(outside.rcode == "REFUSED")
            #expect(outside.raw.contains("; EDE: 20 (Not Authoritative)\n"), "\(outside)")
            let metaType = try await DNSLookup.query(.dig, port: server.port, "acme.local", "MAILB")
            #expect(metaType.rcode == "NOTIMP")
            #expect(metaType.raw.contains("; EDE: 21 (Not Supported)\n"), "\(metaType)")
            // No transfer rule allows anyone (dig and kdig print a failed transfer without its message).
            var transfer = Message(header: Header(id: 7), questions: [Question(name: try DomainName("acme.local"), type: .axfr)])
            transfer.edns = EDNS(udpPayloadSize: 1232)
            var encoded = ByteBuffer()
            transfer.encode(into: &encoded)
            let socket = try RawSocket(port: server.port, tcp: true, timeout: 3)
            try socket.sendFramed(Array(encoded.readableBytesView))
            var reply = ByteBuffer(bytes: try #require(try await socket.receiveFramed()))
            let refused = try reply.readMessage()
            #expect(refused.rcode == .refused)
            #expect(refused.edns?.options == [ExtendedDNSError(.prohibited).option])
        }
    }

    @Test func textNamesTheLapsedClusterWhenTurnedOn() async throws {
        let clock = ManualLeaseClock()
        try await withServer(zones: ServedZones.shipped, clock: clock, adjust: Self.configure(text: true)) { server in
            try await Self.pushThenLapse(server, clock: clock)
            let stale = try await DNSLookup.query(.dig, port: server.port, "catalog.acme.local", "A")
            #expect(stale.raw.contains("; EDE: 3 (Stale Answer): (fail static: leases lapsed for aws-west)\n"), "\(stale)")
        }
    }

    /// Every forwarder still answers the stale records with a TTL within the cap, and passes the
    /// error on or leaves it out; none fails the query over it.
    @Test(arguments: ForwarderKind.allCases)
    func forwardersPassTheStaleAnswerOn(_ kind: ForwarderKind) async throws {
        let clock = ManualLeaseClock()
        try await withServer(zones: ServedZones.shipped, clock: clock, adjust: Self.configure(text: true)) { server in
            try await Self.pushThenLapse(server, clock: clock)
            try await Forwarder.with(kind, snippet: Repository.read(kind.snippetFile), upstreamPort: server.port) { forwarder in
                let answer = try await DNSLookup.query(.dig, port: forwarder.port, "catalog.acme.local", "A")
                #expect(answer.rcode == "NOERROR", "\(kind): \(answer)")
                #expect(
                    answer.answer.map { $0.replacingOccurrences(of: #" \d+ IN"#, with: " IN", options: .regularExpression) } == [
                        "catalog.acme.local. IN A 10.96.0.1"
                    ], "\(kind): \(answer)")
                #expect(ForwarderTests.ttls(answer.answer).allSatisfy { $0 <= 20 }, "\(kind): \(answer)")
                let errors = answer.raw.split(separator: "\n").filter { $0.contains("EDE:") }
                #expect(errors.allSatisfy { $0.contains("EDE: 3 (Stale Answer)") }, "\(kind): \(answer)")
            }
        }
    }
}
