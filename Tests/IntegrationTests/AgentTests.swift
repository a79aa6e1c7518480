import Authority
import Foundation
import GNSDServer
import PushAPI
import TestKit
import TestSupport
import Testing

/// The real `gnsd agent` binary pushing a temporary exports file to real gnsd replicas; dig shows the names.
@Suite(.serialized)
struct AgentTests {
    static let token = "west-secret"

    static func configure(_ configuration: inout Configuration) {
        configuration.clusters = [ClusterSettings(id: "aws-west", tokenSHA256: APISettings.tokenHash(token), networks: [])]
        configuration.globalNamespaces = [GlobalNamespaceSettings(name: "acme", domain: "acme.local.", members: [.init(namespace: "default")])]
    }

    static func exports(catalogIP: String = "10.96.0.10", dbOneReady: Bool = false, web: String = "") -> String {
        """
        exports:
          - namespace: default
            name: catalog
            type: clusterSetIP
            ips: [\(catalogIP)]
            ports: [{name: http, port: 80, protocol: TCP}]
            endpoints:
              - addresses: [10.1.0.11]
          - namespace: default
            name: db
            type: headless
            ports: [{name: pg, port: 5432}]
            endpoints:
              - {addresses: [10.1.0.31], hostname: db-0}
              - {addresses: [10.1.0.32], hostname: db-1, ready: \(dbOneReady)}
        \(web)
        """
    }

    /// Runs an agent on `exports` against `servers` while `body` runs, then stops it with SIGTERM.
    static func withAgent(
        _ servers: [RunningServer], exports: String, _ body: (TemporaryDirectory, AgentProcess) async throws -> Void
    ) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("exports.yaml", exports)
        let agent = try AgentProcess(
            cluster: "aws-west", token: token, source: ["--file", "\(directory.path)/exports.yaml"], servers: servers, directory: directory)
        let status = try await agent.whileRunning { try await body(directory, agent) }
        #expect(status == 0, "SIGTERM stops the agent cleanly: \(agent.output)")
    }

    @Test func digShowsTheFileAndEachEdit() async throws {
        try await withServer(zones: ServedZones.shipped, adjust: Self.configure) { server in
            try await Self.withAgent([server], exports: Self.exports()) { directory, agent in
                #expect(try await server.poll("catalog.acme.local", until: ["catalog.acme.local. 5 IN A 10.96.0.10"]), "\(agent.output)")
                #expect(
                    try await DNSLookup.query(.dig, port: server.port, "db.default.svc.clusterset.local", "A").answer
                        == ["db.default.svc.clusterset.local. 5 IN A 10.1.0.31"])
                #expect(
                    try await DNSLookup.query(.dig, port: server.port, "_pg._tcp.db.default.svc.clusterset.local", "SRV").answer
                        == ["_pg._tcp.db.default.svc.clusterset.local. 5 IN SRV 0 1 5432 db-0.aws-west.db.default.svc.clusterset.local."])

                try directory.write("exports.yaml", Self.exports(catalogIP: "10.96.0.20", dbOneReady: true))
                #expect(
                    try await server.poll(
                        "db.default.svc.clusterset.local",
                        until: [
                            "db.default.svc.clusterset.local. 5 IN A 10.1.0.31", "db.default.svc.clusterset.local. 5 IN A 10.1.0.32",
                        ]), "\(agent.output)")
                #expect(
                    try await DNSLookup.query(.dig, port: server.port, "catalog.acme.local", "A").answer == ["catalog.acme.local. 5 IN A 10.96.0.20"])
                #expect(
                    try await DNSLookup.query(.dig, port: server.port, "db-1.aws-west.db.default.svc.clusterset.local", "A").answer
                        == ["db-1.aws-west.db.default.svc.clusterset.local. 5 IN A 10.1.0.32"])
            }
        }
    }

    @Test func anAgentConfirmsWithdrawalsGnsdHoldsOnceItsFileKeepsThem() async throws {
        try await withServer(
            zones: ServedZones.shipped,
            adjust: { configuration in
                Self.configure(&configuration)
                configuration.withdrawalGuard = WithdrawalGuardSettings()
            }
        ) { server in
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            try directory.write("exports.yaml", Self.exports())
            let agent = try AgentProcess(
                cluster: "aws-west", token: Self.token,
                source: ["--file", "\(directory.path)/exports.yaml", "--confirm-withdrawals-after", "2"], servers: [server], directory: directory)
            let status = try await agent.whileRunning {
                #expect(try await server.poll("catalog.acme.local", until: ["catalog.acme.local. 5 IN A 10.96.0.10"]), "\(agent.output)")
                let emptied = ContinuousClock.now
                try directory.write("exports.yaml", "exports: []\n")
                _ = try await eventually(within: .seconds(5)) { agent.output.contains("the replica holds this push's withdrawals") }
                #expect(
                    try await DNSLookup.query(.dig, port: server.port, "catalog.acme.local", "A").answer == ["catalog.acme.local. 5 IN A 10.96.0.10"],
                    "held by gnsd's guard")
                #expect(try await server.poll("catalog.acme.local", until: []), "confirmed by the agent: \(agent.output)")
                #expect(ContinuousClock.now - emptied < .seconds(20), "long before gnsd's 30-second hold ends")
                #expect(agent.output.contains("snapshot pushed, its withdrawals confirmed"), "\(agent.output)")
            }
            #expect(status == 0, "\(agent.output)")
        }
    }

    @Test func aHealthCheckedEndpointLeavesDNSWhenItsPortCloses() async throws {
        let listener = try await TCPListener.start()
        let web = """
              - namespace: default
                name: web
                type: headless
                healthCheck: {type: tcp, port: \(listener.port), interval: 0.2, timeout: 0.2, rise: 1, fall: 2}
                endpoints:
                  - addresses: [127.0.0.1]
                  - addresses: ["::1"]
            """
        try await withServer(zones: ServedZones.shipped, adjust: Self.configure) { server in
            try await Self.withAgent([server], exports: Self.exports(web: web)) { (_: TemporaryDirectory, agent: AgentProcess) async throws in
                #expect(
                    try await server.poll("web.default.svc.clusterset.local", until: ["web.default.svc.clusterset.local. 5 IN A 127.0.0.1"]),
                    "\(agent.output)")
                #expect(try await server.poll("web.default.svc.clusterset.local", "AAAA", until: []), "::1 has no listener: \(agent.output)")
                await listener.close()
                #expect(try await server.poll("web.default.svc.clusterset.local", until: []), "\(agent.output)")
                #expect(try await DNSLookup.query(.dig, port: server.port, "web.default.svc.clusterset.local", "A").rcode == "NXDOMAIN")
                #expect(agent.output.contains("health check default/web 127.0.0.1 tcp:\(listener.port): not ready"), "\(agent.output)")
            }
        }
    }

    @Test func withOneReplicaStoppedTheOtherStillGetsTheUpdates() async throws {
        try await withServer(zones: ServedZones.shipped, adjust: Self.configure) { first in
            let second = try await RunningServer.start(zones: ServedZones.shipped, adjust: Self.configure)
            try await Self.withAgent([second, first], exports: Self.exports()) { directory, agent in
                for server in [first, second] {
                    #expect(try await server.poll("catalog.acme.local", until: ["catalog.acme.local. 5 IN A 10.96.0.10"]), "\(agent.output)")
                }
                await second.stop()
                try directory.write("exports.yaml", Self.exports(catalogIP: "10.96.0.30"))
                #expect(try await first.poll("catalog.acme.local", until: ["catalog.acme.local. 5 IN A 10.96.0.30"]), "\(agent.output)")
            }
            await second.stop()
        }
    }
}
