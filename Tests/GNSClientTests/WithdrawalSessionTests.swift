import EndpointTable
import Foundation
import GNSClient
import GNSDServer
import TestKit
import TestSupport
import Testing

/// The withdrawal guard and the audit trail end to end, with dig and the `gnsctl` binary on
/// gnsd's lease clock: a broken agent's empty snapshot held (the old answers kept, gone once the
/// hold ends), an operator's release, an intended push, and the session's audit trail read back.
@Suite(.serialized)
struct WithdrawalSessionTests {
    typealias Fixture = PushFixture
    static let name = "db.default.svc.clusterset.local"

    /// The fixture's gnsd with the guard on (its defaults: more than half, or all of a service,
    /// held for 30 s) and leases long enough that none lapses while the test moves the clock.
    static func configure(_ configuration: inout Configuration) {
        Fixture.configure(&configuration)
        configuration.withdrawalGuard = WithdrawalGuardSettings()
        configuration.leases.durationSeconds = 3600
    }

    /// aws-west's snapshot at `generation` exporting `db` with endpoints at `addresses`, or nothing.
    static func snapshot(_ generation: UInt64, _ addresses: [String]) -> SnapshotBody {
        let endpoints = addresses.map { Endpoint(addresses: [IPAddress($0)!], ready: true) }
        let db = ServiceExport(key: Fixture.dbKey, kind: .headless, ports: [], endpoints: endpoints)
        return SnapshotBody(generation: generation, cluster: ClusterInfo(), exports: endpoints.isEmpty ? [] : [db])
    }

    /// Polls dig every 100 ms for up to 5 s until `name`'s A records are `addresses` (NXDOMAIN when empty).
    static func answers(_ server: RunningServer, _ addresses: Set<String>) async throws -> Bool {
        try await eventually(within: .seconds(5), every: .milliseconds(100)) {
            let lookup = try await DNSLookup.query(.dig, port: server.port, name, "A")
            let found = Set(lookup.answer.map { String($0.split(separator: " ").last!) })
            return found == addresses && (lookup.rcode == "NXDOMAIN") == addresses.isEmpty
        }
    }

    @Test func anEmptySnapshotIsHeldThenAppliesAndAnOperatorCanReleaseAHold() async throws {
        let clock = ManualLeaseClock()
        try await withServer(zones: Fixture.zones, clock: clock, adjust: Self.configure) { server in
            let agent = try GNSClient(server: "http://127.0.0.1:\(server.apiPort)", token: Fixture.westToken)
            defer { Task { await agent.shutdown() } }
            _ = try await agent.putSnapshot(cluster: Fixture.west, Self.snapshot(1, ["10.1.0.31", "10.1.0.32"]))
            #expect(try await Self.answers(server, ["10.1.0.31", "10.1.0.32"]))

            // A broken agent pushes an empty snapshot: the withdrawals are held, the answers kept.
            let held = try await agent.putSnapshot(cluster: Fixture.west, Self.snapshot(2, []))
            #expect(held.heldWithdrawals == HeldWithdrawalsView(services: ["default/db"], endpoints: 2, releaseInSeconds: 30))
            #expect(try await Self.answers(server, ["10.1.0.31", "10.1.0.32"]))
            let metrics = try await APIClient(port: server.apiPort).send("GET", "/metrics")
            #expect(metrics.body.contains("\ngnsd_table_held_withdrawals 2.0\n"), "\(metrics.body)")
            let clusters = try await GNSCtlProcess.run(["clusters"], server: server)
            #expect(clusters.standardOutput.contains("2 for 30.0s"), "\(clusters.standardOutput)")
            let explain = try await GNSCtlProcess.run(["--output", "json", "explain", Self.name], server: server)
            #expect(explain.standardOutput.contains("2 of its ready endpoints are withdrawals the guard holds"), "\(explain.standardOutput)")
            let explainTable = try await GNSCtlProcess.run(["explain", Self.name], server: server)
            #expect(
                explainTable.standardOutput.contains(
                    "live with ready endpoints; 2 of its ready endpoints are withdrawals the guard holds: answered until the hold ends"),
                "\(explainTable.standardOutput)")
            clock.advance(by: .seconds(29))
            #expect(try await Self.answers(server, ["10.1.0.31", "10.1.0.32"]), "still held after 29 s")
            clock.advance(by: .seconds(1))
            #expect(try await Self.answers(server, []), "applied when the hold ends")

            // Back, withdrawn again, and released by an operator at once.
            _ = try await agent.putSnapshot(cluster: Fixture.west, Self.snapshot(3, ["10.1.0.31", "10.1.0.32"]))
            #expect(try await Self.answers(server, ["10.1.0.31", "10.1.0.32"]), "additions apply at once")
            _ = try await agent.putSnapshot(cluster: Fixture.west, Self.snapshot(4, []))
            let release = try await GNSCtlProcess.run(["release", "aws-west"], server: server)
            #expect(release.status == 0, "\(release.standardError)")
            #expect(try await Self.answers(server, []), "released")
            let refused = try await GNSCtlProcess.run(["release", "aws-west"], server: server, token: Fixture.westToken)
            #expect(refused.standardError == "gnsctl: 403 forbidden: only an admin releases held withdrawals\n")

            // An intended push is not held; a scale-down of half applies at once.
            _ = try await agent.putSnapshot(cluster: Fixture.west, Self.snapshot(5, ["10.1.0.31", "10.1.0.32"]))
            _ = try await agent.putSnapshot(cluster: Fixture.west, Self.snapshot(6, ["10.1.0.31"]))
            #expect(try await Self.answers(server, ["10.1.0.31"]), "half is not more than half")
            let file = try TemporaryDirectory()
            let empty = file.path + "/empty.json"
            try #"{"exports": []}"#.write(toFile: empty, atomically: true, encoding: .utf8)
            let intended = try await GNSCtlProcess.run(["push", "--cluster", "aws-west", "--file", empty, "--intended"], server: server)
            #expect(intended.status == 0, "\(intended.standardError)")
            #expect(try await Self.answers(server, []), "intended")

            // The session's trail, as gnsctl reads it back.
            let trail = try await GNSCtlProcess.run(["--output", "json", "audit", "--cluster", "aws-west"], server: server)
            let log = try JSONDecoder().decode(AuditLog.self, from: Data(trail.standardOutput.utf8))
            #expect(
                log.records.map { "\($0.action) \($0.result) \($0.status) \($0.caller)" } == [
                    "snapshot accepted 200 cluster aws-west by bearer token", "snapshot accepted 200 cluster aws-west by bearer token",
                    "snapshot accepted 200 cluster aws-west by bearer token", "snapshot accepted 200 cluster aws-west by bearer token",
                    "release accepted 200 admin by bearer token", "release refused 403 cluster aws-west by bearer token",
                    "snapshot accepted 200 cluster aws-west by bearer token", "snapshot accepted 200 cluster aws-west by bearer token",
                    "snapshot accepted 200 admin by bearer token",
                ])
            #expect(log.records.map { $0.summary?.withdrawalsHeld ?? 0 } == [0, 2, 0, 2, 0, 0, 0, 0, 0])
            #expect(log.records.map { $0.summary?.holdsEnded ?? 0 } == [0, 0, 0, 0, 2, 0, 0, 0, 0])
            #expect(log.records.map { $0.summary?.endpointsMadeUnready ?? 0 } == [0, 2, 0, 2, 0, 0, 0, 1, 1])
            let table = try await GNSCtlProcess.run(["audit", "--cluster", "aws-west"], server: server)
            #expect(table.standardOutput.contains("2 withdrawals held"), "\(table.standardOutput)")
            #expect(table.standardOutput.contains("403 forbidden"), "\(table.standardOutput)")
        }
    }
}
