import Foundation
import GNSDServer
import TestKit
import TestSupport
import Testing

/// gnsd behind the resolvers that forward its domains in practice, each configured with its
/// snippet from deploy/forwarders/ and asked with dig: unbound (stub and forward zones), BIND
/// (forward zone) and dnsmasq. Each test runs its own gnsd and forwarder on loopback ports,
/// one after the other, and runs dig and curl without holding a thread of the shared pool
/// (``ExternalCommand``), leaving it to the in-process gnsd and the suites that run beside.
@Suite(.serialized)
struct ForwarderTests {
    /// gnsd's TTL for service answers here, in seconds: short, so the cache test waits little.
    static let ttl = 3

    static func configure(_ configuration: inout Configuration) {
        configuration.answers.clustersetTTL = ttl
        configuration.answers.maxRecords = 64
        configuration.globalNamespaces = [
            GlobalNamespaceSettings(name: "acme", domain: "acme.local.", ttl: ttl, members: [.init(namespace: "default")])
        ]
    }

    /// The 64 endpoints of `wide`, a headless service whose AAAA answer (about 1.9 KB) does not
    /// fit the 1232 bytes every forwarder advertises by default.
    static let wideAddresses = (1...64).map { "fd00:10::\(String($0, radix: 16))" }

    /// aws-west exports catalog, web and wide; gcp-east exports catalog and web. Every endpoint is ready.
    static func push(_ server: RunningServer) async throws {
        let api = APIClient(port: server.apiPort)
        let wideEndpoints = wideAddresses.map { #"{"addresses": ["\#($0)"], "ready": true}"# }.joined(separator: ", ")
        let west = try await api.send(
            "PUT", "/v1/clusters/aws-west/snapshot",
            json: """
                {"generation": 1, "exports": [\(service("catalog", ip: "10.96.0.1", pod: "10.1.0.1")), \(service("web", ip: "10.96.0.2", pod: "10.1.0.2")),
                  {"namespace": "default", "name": "wide", "type": "headless", "ports": [], "endpoints": [\(wideEndpoints)]}]}
                """)
        #expect(west.status == 200, "\(west)")
        let east = try await api.send(
            "PUT", "/v1/clusters/gcp-east/snapshot",
            json: """
                {"generation": 1, "exports": [\(service("catalog", ip: "10.96.1.1", pod: "10.2.0.1")), \(service("web", ip: "10.96.1.2", pod: "10.2.0.2"))]}
                """)
        #expect(east.status == 200, "\(east)")
    }

    /// A clusterSetIP export of `default/<name>` with one ready pod.
    static func service(_ name: String, ip: String, pod: String) -> String {
        """
        {"namespace": "default", "name": "\(name)", "type": "clusterSetIP", "ips": ["\(ip)"],
         "ports": [{"name": "http", "port": 80, "protocol": "TCP"}], "endpoints": [{"addresses": ["\(pod)"], "ready": true}]}
        """
    }

    /// The header flags of a fresh answer through `kind`: recursion available, not authoritative,
    /// but dnsmasq passes gnsd's AA bit on.
    static func flags(_ kind: ForwarderKind) -> Set<String> {
        kind == .dnsmasq ? ["qr", "aa", "rd", "ra"] : ["qr", "rd", "ra"]
    }

    /// The records of a section without their TTLs, as `name class type rdata`.
    static func withoutTTL(_ records: [String]) -> Set<String> {
        Set(records.map { $0.split(separator: " ").enumerated().filter { $0.offset != 1 }.map(\.element).joined(separator: " ") })
    }

    /// The TTLs of a section's records.
    static func ttls(_ records: [String]) -> [Int] {
        records.compactMap { record in record.split(separator: " ").dropFirst().first.flatMap { Int($0) } }
    }

    @Test(arguments: ForwarderKind.allCases)
    func answersNegativeAnswersTruncationAndTTLsThroughTheForwarder(_ kind: ForwarderKind) async throws {
        try await withServer(zones: ServedZones.shipped, adjust: Self.configure) { server in
            try await Self.push(server)
            try await Forwarder.with(kind, snippet: Repository.read(kind.snippetFile), upstreamPort: server.port) { forwarder in
                let ask = { @Sendable (name: String, type: String) in
                    try await DNSLookup.query(.dig, port: forwarder.port, name, type)
                }
                func context(_ lookup: DNSLookup) -> Comment { "\(kind)\n\(lookup)\n--- \(kind.program) log ---\n\(forwarder.log)" }

                for name in ["catalog.acme.local.", "catalog.default.svc.clusterset.local."] {
                    let answer = try await ask(name, "A")
                    #expect(answer.rcode == "NOERROR", context(answer))
                    #expect(answer.flags == Self.flags(kind), context(answer))
                    #expect(Self.withoutTTL(answer.answer) == ["\(name) IN A 10.96.0.1", "\(name) IN A 10.96.1.1"], context(answer))
                    #expect(Self.ttls(answer.answer).allSatisfy { (0...Self.ttl).contains($0) }, context(answer))
                }

                // The serial is the zone file's plus the table version: 2 after the two snapshots.
                let soa = "acme.local. IN SOA ns1.acme.local. hostmaster.acme.local. 2025060103 3600 600 1209600 30"
                let missing = try await ask("missing.acme.local", "A")
                #expect(missing.rcode == "NXDOMAIN", context(missing))
                #expect(missing.answer.isEmpty, context(missing))
                #expect(Self.withoutTTL(missing.authority) == [soa], context(missing))
                let noData = try await ask("catalog.acme.local", "AAAA")
                #expect(noData.rcode == "NOERROR", context(noData))
                #expect(noData.answer.isEmpty, context(noData))
                #expect(Self.withoutTTL(noData.authority) == [soa], context(noData))

                let wide = "wide.default.svc.clusterset.local."
                let truncated = try await DNSLookup.query(.dig, port: server.port, wide, "AAAA", options: ["+bufsize=1232", "+ignore"])
                #expect(truncated.flags.contains("tc"), "gnsd truncates at 1232 bytes: \(truncated)")
                let full = try await ask(wide, "AAAA")
                #expect(full.rcode == "NOERROR", context(full))
                #expect(Self.withoutTTL(full.answer) == Set(Self.wideAddresses.map { "\(wide) IN AAAA \($0)" }), context(full))

                try await Self.expectCachedForAtMostTheTTL(kind, server: server, forwarder: forwarder, ask: ask, context: context)
            }
        }
    }

    /// web.acme.local, asked for the first time, is cached; once gcp-east's web pod turns unready
    /// the forwarder still answers both clusters from its cache while gnsd's TTL runs, and only
    /// aws-west once it has passed. The forwarder fetched its answer between the start and the
    /// end of the first query, and counts the TTL in whole seconds; the checks allow for both,
    /// so a slow machine cannot fail them.
    static func expectCachedForAtMostTheTTL(
        _ kind: ForwarderKind, server: RunningServer, forwarder: Forwarder,
        ask: (String, String) async throws -> DNSLookup, context: (DNSLookup) -> Comment
    ) async throws {
        let name = "web.acme.local."
        let both: Set = ["\(name) IN A 10.96.0.2", "\(name) IN A 10.96.1.2"]
        let fetched = ContinuousClock.now
        let first = try await ask(name, "A")
        let received = ContinuousClock.now
        #expect(Self.withoutTTL(first.answer) == both, context(first))
        let unready = try await APIClient(port: server.apiPort).send(
            "PATCH", "/v1/clusters/gcp-east/exports",
            json: """
                {"baseGeneration": 1, "generation": 2, "readiness": [{"namespace": "default", "name": "web", "address": "10.2.0.2", "ready": false}]}
                """)
        #expect(unready.status == 200, "\(unready)")
        let direct = try await DNSLookup.query(.dig, port: server.port, name, "A")
        #expect(Self.withoutTTL(direct.answer) == ["\(name) IN A 10.96.0.2"], "gnsd itself answers at once: \(direct)")

        let asked = ContinuousClock.now
        let cached = try await ask(name, "A")
        #expect(Self.withoutTTL(cached.answer) == both || asked - fetched >= .seconds(Self.ttl - 1), context(cached))
        #expect(Self.ttls(cached.answer).allSatisfy { (0...Self.ttl).contains($0) }, context(cached))

        try await Task.sleep(until: received + .seconds(Self.ttl) + .milliseconds(1200))
        let expired = try await ask(name, "A")
        #expect(Self.withoutTTL(expired.answer) == ["\(name) IN A 10.96.0.2"], context(expired))
    }

    /// A line each program rejects, and the words it rejects it with.
    static let brokenLines: [ForwarderKind: (line: String, message: String)] = [
        .unboundStub: ("server:\n    no-such-option: yes\n", "error: unknown keyword 'no-such-option'"),
        .bind: ("no-such-option yes;\n", "unknown option 'no-such-option'"),
        .dnsmasq: ("no-such-option\n", "dnsmasq: bad option at line "),
    ]

    @Test(arguments: [ForwarderKind.unboundStub, .bind, .dnsmasq])
    func aBrokenConfigurationStopsTheForwarderWithItsOwnMessage(_ kind: ForwarderKind) async throws {
        let broken = try #require(Self.brokenLines[kind])
        let snippet = try Repository.read(kind.snippetFile) + broken.line
        let failure = await #expect(throws: Forwarder.StartFailure.self) {
            try await Forwarder.with(kind, snippet: snippet, upstreamPort: 53) { _ in }
        }
        let description = failure?.description ?? ""
        #expect(description.hasPrefix("\(kind.program) exited with status 1 before answering:\n"), "\(description)")
        #expect(description.contains(broken.message), "\(description)")
    }
}
