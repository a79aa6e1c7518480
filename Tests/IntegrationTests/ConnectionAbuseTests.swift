import Foundation
import PushAPI
import TestKit
import TestSupport
import Testing

/// The real `gnsd serve` against hostile connections and signals: a crowd of half-open push
/// API connections, SIGHUP and SIGTERM while it starts, and a second gnsd on its data folder.
@Suite(.serialized)
struct ConnectionAbuseTests {
    static let token = "abuse-secret"

    /// A configuration with a 2-second request head deadline and one cluster, `aws-west`, with a token.
    static func configuration(in directory: TemporaryDirectory) throws -> String {
        let hash = APISettings.tokenHash(token).map { String(format: "%02x", $0) }.joined()
        try directory.write(
            "gnsd.yaml",
            """
            api:
              request-head-timeout: 2
            zones:
              reload-interval: 0
            clusters:
              - id: aws-west
                token-sha256: "\(hash)"
            """)
        return "\(directory.path)/gnsd.yaml"
    }

    /// `big.test.zone` of 20,000 records in `directory`: loading it keeps gnsd starting for a second or so.
    static func writeSlowZone(in directory: TemporaryDirectory) throws {
        let records = (0..<20_000).map { "h\($0) A 198.51.\($0 >> 8 & 255).\($0 & 255)" }
        try directory.write(
            "big.test.zone",
            (["$ORIGIN big.test.", "$TTL 300", "@ 3600 IN SOA ns1 hostmaster 1 3600 600 86400 60", "@ 3600 NS ns1", "ns1 A 127.0.0.1"]
                + records).joined(separator: "\n") + "\n")
    }

    /// gnsd under a 1,024-file limit, serving the shipped zones, with aws-west's first snapshot
    /// accepted; returns it with its API and DNS ports.
    static func startWithCluster(in directory: TemporaryDirectory) async throws -> (GNSDProcess, apiPort: Int, dnsPort: Int) {
        let apiPort = try FreePort.find()
        let dnsPort = try FreePort.find()
        let gnsd = try GNSDProcess(
            [
                "--config", try configuration(in: directory), "--zones", ServedZones.shipped, "--data", "\(directory.path)/data",
                "--dns-listen", "127.0.0.1:\(dnsPort)", "--api-listen", "127.0.0.1:\(apiPort)",
            ],
            log: "\(directory.path)/gnsd.log", openFiles: 1024)
        do {
            try #require(try await gnsd.waitForLog("push API listening"), "\(gnsd.output)")
            let snapshot = PushedEndpointTests.snapshot(generation: 1, region: "us-west", ip: "10.96.0.1")
            let response = try await APIClient(port: apiPort, token: token).send("PUT", "/v1/clusters/aws-west/snapshot", json: snapshot)
            try #require(response.status == 200, "\(response)")
        } catch {
            await gnsd.stop()
            throw error
        }
        return (gnsd, apiPort, dnsPort)
    }

    /// Seconds `body` took, with its result.
    static func timed<T>(_ body: () async throws -> T) async rethrows -> (T, Double) {
        let start = ContinuousClock.now
        let value = try await body()
        let elapsed = ContinuousClock.now - start
        return (value, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }

    @Test func halfOpenConnectionsNeitherKeepHealthChecksNorHeartbeatsOut() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let (gnsd, apiPort, dnsPort) = try await Self.startWithCluster(in: directory)
        try await gnsd.whileRunning {
            let agent = APIClient(port: apiPort, token: Self.token)

            let halfHead = Array("POST /v1/clusters/aws-west/heartbeat HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bea".utf8)
            let (crowd, opening) = try await Self.timed {
                try await onOwnThread { HalfOpenConnections(count: 1100, port: apiPort, sending: halfHead) }
            }
            #expect(crowd.count == 1100)

            let (health, healthSeconds) = try await Self.timed { try await APIClient(port: apiPort).send("GET", "/healthz") }
            #expect(health.status == 200, "\(health)")
            #expect(healthSeconds < 5)
            let (heartbeat, heartbeatSeconds) = try await Self.timed {
                try await agent.send("POST", "/v1/clusters/aws-west/heartbeat")
            }
            #expect(heartbeat.status == 200, "\(heartbeat)")
            #expect(heartbeatSeconds < 5)
            let newer = PushedEndpointTests.snapshot(generation: 2, region: "us-west", ip: "10.96.0.1")
            #expect(try await agent.send("PUT", "/v1/clusters/aws-west/snapshot", json: newer).status == 200)
            let (overTCP, dnsSeconds) = try await Self.timed {
                try await DNSLookup.query(.dig, port: dnsPort, "mail.acme.local", "A", options: ["+tcp"])
            }
            #expect(overTCP.answer.count == 1, "the push API's connections leave DNS over TCP its open files")
            #expect(dnsSeconds < 5)

            let (closed, closingSeconds) = try await Self.timed {
                var closed = 0
                _ = try await eventually(within: .seconds(10), every: .milliseconds(100)) {
                    closed = crowd.closedByPeer()
                    return closed >= crowd.count
                }
                return closed
            }
            #expect(closed == crowd.count, "gnsd closed \(closed) of \(crowd.count) half-open connections")
            #expect(closingSeconds < 2 + 6, "2 s head deadline, 6 s for a noisy machine")
            #expect(gnsd.exitStatus == nil, "\(gnsd.output)")
            print(
                "1100 half-open connections opened in \(opening) s; /healthz in \(healthSeconds) s, heartbeat in \(heartbeatSeconds) s,",
                "DNS over TCP in \(dnsSeconds) s;",
                "all closed \(closingSeconds) s after the requests")
        }
    }

    @Test func heartbeatsGetThroughWhileHalfOpenConnectionsKeepComing() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let (gnsd, apiPort, _) = try await Self.startWithCluster(in: directory)
        try await gnsd.whileRunning {
            let agent = APIClient(port: apiPort, token: Self.token)

            let halfHead = Array("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n".utf8)
            async let crowd = onOwnThread { HalfOpenConnections(count: 3000, port: apiPort, sending: halfHead) }
            var slowest = 0.0
            for _ in 0..<10 {
                let (heartbeat, seconds) = try await Self.timed { try await agent.send("POST", "/v1/clusters/aws-west/heartbeat") }
                #expect(heartbeat.status == 200, "\(heartbeat)")
                slowest = max(slowest, seconds)
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(slowest < 5)
            #expect(try await crowd.count == 3000)
            #expect(gnsd.exitStatus == nil, "\(gnsd.output)")
            print("10 heartbeats while 3000 half-open connections came: slowest \(slowest) s")
        }
    }

    @Test func hangUpSignalsWhileStartingAreNotFatalAndReloadOnceServing() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let zones = try TemporaryDirectory()
        defer { zones.remove() }
        try Self.writeSlowZone(in: zones)
        let apiPort = try FreePort.find()
        let gnsd = try GNSDProcess(
            [
                "--config", try Self.configuration(in: directory), "--zones", zones.path, "--data", "\(directory.path)/data",
                "--dns-listen", "127.0.0.1:\(try FreePort.find())", "--api-listen", "127.0.0.1:\(apiPort)",
            ],
            log: "\(directory.path)/gnsd.log")
        try await gnsd.whileRunning {
            try #require(try await gnsd.waitForLog("open files"), "\(gnsd.output)")
            var sentWhileStarting = 0
            // Until gnsd serves, or its first reload shows it took the signals: under load the API
            // can start seconds after the reloader, and signals sent meanwhile are reloads of their own.
            for _ in 0..<15_000
            where gnsd.exitStatus == nil && !gnsd.output.contains("push API listening") && !gnsd.output.contains("reloading zones on SIGHUP") {
                gnsd.send(SIGHUP)
                sentWhileStarting += 1
                try await Task.sleep(for: .milliseconds(2))
            }
            #expect(sentWhileStarting > 10)
            #expect(gnsd.exitStatus == nil, "\(gnsd.output)")
            #expect(try await gnsd.waitForLog("reloading zones on SIGHUP"), "\(gnsd.output)")
            #expect(try await APIClient(port: apiPort).send("GET", "/healthz").status == 200)
            // Shutdown waits for a reload under way, which for this zone takes seconds in a debug build.
            #expect(await gnsd.stop(grace: .seconds(30)) == 0, "\(gnsd.output)")
            let reloads = gnsd.output.components(separatedBy: "reloading zones on SIGHUP").count - 1
            #expect((1...3).contains(reloads), "\(sentWhileStarting) SIGHUPs while starting are one reload, or two when more came during it")
            print("\(sentWhileStarting) SIGHUPs while gnsd started: \(reloads) zone reload(s) once serving")
        }
    }

    @Test func aTerminateSignalWhileStartingStopsWithoutServing() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let zones = try TemporaryDirectory()
        defer { zones.remove() }
        try Self.writeSlowZone(in: zones)
        let gnsd = try GNSDProcess(
            [
                "--config", try Self.configuration(in: directory), "--zones", zones.path, "--data", "\(directory.path)/data",
                "--dns-listen", "127.0.0.1:\(try FreePort.find())", "--api-listen", "127.0.0.1:\(try FreePort.find())",
            ],
            log: "\(directory.path)/gnsd.log")
        try await gnsd.whileRunning {
            try #require(try await gnsd.waitForLog("open files"), "\(gnsd.output)")
            gnsd.send(SIGTERM)
            _ = try await eventually(within: .seconds(30), every: .milliseconds(100)) { gnsd.exitStatus != nil }
            #expect(gnsd.exitStatus == 0, "\(gnsd.output)")
            #expect(gnsd.output.contains("SIGTERM during start-up: stopping without serving"), "\(gnsd.output)")
            #expect(!gnsd.output.contains("push API listening"), "\(gnsd.output)")
        }
    }

    @Test func aSecondGNSDOnTheSameDataFolderRefusesWithOneLine() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let configuration = try Self.configuration(in: directory)
        let data = "\(directory.path)/data"
        let apiPort = try FreePort.find()
        let first = try GNSDProcess(
            [
                "--config", configuration, "--zones", ServedZones.shipped, "--data", data,
                "--dns-listen", "127.0.0.1:\(try FreePort.find())", "--api-listen", "127.0.0.1:\(apiPort)",
            ],
            log: "\(directory.path)/gnsd.log")
        try await first.whileRunning {
            try #require(try await first.waitForLog("push API listening"), "\(first.output)")

            let second = try await ExternalCommand.run(
                GNSDBinary.path,
                [
                    "serve", "--config", configuration, "--zones", ServedZones.shipped, "--data", data,
                    "--dns-listen", "127.0.0.1:\(try FreePort.find())", "--api-listen", "127.0.0.1:\(try FreePort.find())",
                ])
            #expect(second.status == 2)
            #expect(
                second.standardError
                    == "gnsd: data folder \(data) is in use by another gnsd (pid \(first.pid)); stop it or give this one another data.directory\n")
            #expect(first.exitStatus == nil)
            #expect(try await APIClient(port: apiPort).send("GET", "/healthz").status == 200)
        }
    }
}
