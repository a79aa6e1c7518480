import Authority
import Foundation
import GNSD
import PushAPI
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

    /// A running `gnsd agent` process, its standard error kept in a file for failure messages.
    final class AgentProcess {
        let process = Process()
        let log: String

        init(servers: [RunningServer], file: String, directory: TemporaryDirectory) throws {
            try #require(FileManager.default.isExecutableFile(atPath: CommandLineTests.executable), "build gnsd first")
            log = "\(directory.path)/agent.log"
            _ = FileManager.default.createFile(atPath: log, contents: nil)
            process.executableURL = URL(fileURLWithPath: CommandLineTests.executable)
            process.arguments = ["agent", "--cluster", "aws-west", "--file", file, "--heartbeat", "1", "--log-level", "notice"]
                + servers.flatMap { ["--server", "http://127.0.0.1:\($0.apiPort)"] }
            process.environment = ["GNSD_AGENT_TOKEN": AgentTests.token]
            process.standardInput = FileHandle.nullDevice
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle(forWritingAtPath: log)
            try process.run()
        }

        var output: String { (try? String(contentsOfFile: log, encoding: .utf8)) ?? "" }

        /// Sends SIGTERM and waits up to 5 s for the exit status.
        func stop() async throws -> Int32? {
            if process.isRunning { process.terminate() }
            for _ in 0..<50 where process.isRunning {
                try await Task.sleep(for: .milliseconds(100))
            }
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                return nil
            }
            return process.terminationStatus
        }
    }

    /// Runs an agent on `exports` against `servers` while `body` runs, then stops it with SIGTERM.
    static func withAgent(
        _ servers: [RunningServer], exports: String, _ body: (TemporaryDirectory, AgentProcess) async throws -> Void
    ) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("exports.yaml", exports)
        let agent = try AgentProcess(servers: servers, file: "\(directory.path)/exports.yaml", directory: directory)
        do {
            try await body(directory, agent)
        } catch {
            _ = try? await agent.stop()
            throw error
        }
        #expect(try await agent.stop() == 0, "SIGTERM stops the agent cleanly: \(agent.output)")
    }

    /// Digs `name` every 100 ms for up to `seconds` until the answer's records sorted are `expected`.
    static func poll(_ server: RunningServer, _ name: String, _ type: String = "A", until expected: [String], seconds: Int = 10) async throws -> Bool {
        for _ in 0..<(seconds * 10) {
            if try DNSLookup.query(.dig, port: server.port, name, type).answer.sorted() == expected { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        return false
    }

    @Test func digShowsTheFileAndEachEdit() async throws {
        try await withServer(zones: ServedZones.shipped, adjust: Self.configure) { server in
            try await Self.withAgent([server], exports: Self.exports()) { directory, agent in
                #expect(try await Self.poll(server, "catalog.acme.local", until: ["catalog.acme.local. 5 IN A 10.96.0.10"]), "\(agent.output)")
                #expect(try DNSLookup.query(.dig, port: server.port, "db.default.svc.clusterset.local", "A").answer
                    == ["db.default.svc.clusterset.local. 5 IN A 10.1.0.31"])
                #expect(try DNSLookup.query(.dig, port: server.port, "_pg._tcp.db.default.svc.clusterset.local", "SRV").answer
                    == ["_pg._tcp.db.default.svc.clusterset.local. 5 IN SRV 0 1 5432 db-0.aws-west.db.default.svc.clusterset.local."])

                try directory.write("exports.yaml", Self.exports(catalogIP: "10.96.0.20", dbOneReady: true))
                #expect(try await Self.poll(server, "db.default.svc.clusterset.local", until: [
                    "db.default.svc.clusterset.local. 5 IN A 10.1.0.31", "db.default.svc.clusterset.local. 5 IN A 10.1.0.32",
                ]), "\(agent.output)")
                #expect(try DNSLookup.query(.dig, port: server.port, "catalog.acme.local", "A").answer == ["catalog.acme.local. 5 IN A 10.96.0.20"])
                #expect(try DNSLookup.query(.dig, port: server.port, "db-1.aws-west.db.default.svc.clusterset.local", "A").answer
                    == ["db-1.aws-west.db.default.svc.clusterset.local. 5 IN A 10.1.0.32"])
            }
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
                  - addresses: [127.0.0.2]
            """
        try await withServer(zones: ServedZones.shipped, adjust: Self.configure) { server in
            try await Self.withAgent([server], exports: Self.exports(web: web)) { (_: TemporaryDirectory, agent: AgentProcess) async throws in
                #expect(try await Self.poll(server, "web.default.svc.clusterset.local", until: ["web.default.svc.clusterset.local. 5 IN A 127.0.0.1"]),
                        "127.0.0.2 has no listener: \(agent.output)")
                await listener.close()
                #expect(try await Self.poll(server, "web.default.svc.clusterset.local", until: []), "\(agent.output)")
                #expect(try DNSLookup.query(.dig, port: server.port, "web.default.svc.clusterset.local", "A").rcode == "NXDOMAIN")
                #expect(agent.output.contains("health check default/web 127.0.0.1 tcp:\(listener.port): not ready"), "\(agent.output)")
            }
        }
    }

    @Test func withOneReplicaStoppedTheOtherStillGetsTheUpdates() async throws {
        try await withServer(zones: ServedZones.shipped, adjust: Self.configure) { first in
            let second = try await RunningServer.start(zones: ServedZones.shipped, adjust: Self.configure)
            try await Self.withAgent([second, first], exports: Self.exports()) { directory, agent in
                for server in [first, second] {
                    #expect(try await Self.poll(server, "catalog.acme.local", until: ["catalog.acme.local. 5 IN A 10.96.0.10"]), "\(agent.output)")
                }
                await second.stop()
                try directory.write("exports.yaml", Self.exports(catalogIP: "10.96.0.30"))
                #expect(try await Self.poll(first, "catalog.acme.local", until: ["catalog.acme.local. 5 IN A 10.96.0.30"]), "\(agent.output)")
            }
            await second.stop()
        }
    }
}
