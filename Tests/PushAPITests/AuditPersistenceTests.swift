import APIBodies
import EndpointTable
import Foundation
import Logging
import Synchronization
import TestKit
import Testing

@testable import PushAPI

@Suite("The audit trail in the state file: restored after a restart, pruned to its bounds")
struct AuditPersistenceTests {
    /// A clock the test moves.
    final class TestClock: Sendable {
        private let time = Mutex(Date(timeIntervalSince1970: 1_796_637_600))
        var now: Date { time.withLock { $0 } }
        func advance(by seconds: TimeInterval) { time.withLock { $0 += seconds } }
    }

    static func record(_ cluster: String) -> AuditRecord {
        AuditRecord(sequence: 0, time: "", action: "snapshot", cluster: cluster, caller: "admin by bearer token", result: "accepted", status: 200)
    }

    static func withStore(_ body: (SQLiteEndpointStore, String) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gnsd-audit-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("gnsd.sqlite").path
        try body(try SQLiteEndpointStore(path: path), path)
    }

    @Test func aRestartedTrailHasTheFlushedRecordsAndContinuesTheirSequence() throws {
        try Self.withStore { store, path in
            let clock = TestClock()
            let trail = try AuditTrail(settings: AuditSettings(), store: store, logger: Logger(label: "test"), now: { clock.now })
            for cluster in ["aws-west", "gcp-east", "aws-west"] {
                trail.record(Self.record(cluster))
            }
            trail.flush()
            trail.record(Self.record("never-flushed"))
            let restarted = try AuditTrail(
                settings: AuditSettings(), store: try SQLiteEndpointStore(path: path), logger: Logger(label: "test"), now: { clock.now })
            #expect(restarted.log(cluster: nil, since: nil, until: nil, limit: 100).records.map(\.cluster) == ["aws-west", "gcp-east", "aws-west"])
            restarted.record(Self.record("azure-north"))
            #expect(restarted.log(cluster: "azure-north", since: nil, until: nil, limit: 100).records.map(\.sequence) == [4])
        }
    }

    @Test func theStoreKeepsTheNewestRecordsWithinTheAge() throws {
        try Self.withStore { store, path in
            let clock = TestClock()
            let settings = AuditSettings(maxRecords: 3, maxAge: .seconds(3600))
            let trail = try AuditTrail(settings: settings, store: store, logger: Logger(label: "test"), now: { clock.now })
            for index in 1...5 {
                trail.record(Self.record("c\(index)"))
                clock.advance(by: 1000)
            }
            trail.flush()
            #expect(try store.loadAudit(limit: 100, since: .distantPast).map(\.sequence) == [3, 4, 5], "the newest three")
            #expect(
                trail.log(cluster: nil, since: nil, until: nil, limit: 100).records.map(\.sequence) == [3, 4, 5], "in memory, none older than an hour"
            )
            clock.advance(by: 2000)
            trail.record(Self.record("c6"))
            trail.flush()
            #expect(try store.loadAudit(limit: 100, since: .distantPast).map(\.sequence) == [5, 6], "older than an hour: gone")
            let restarted = try AuditTrail(
                settings: settings, store: try SQLiteEndpointStore(path: path), logger: Logger(label: "test"), now: { clock.now })
            #expect(restarted.log(cluster: nil, since: nil, until: nil, limit: 100).records.map(\.cluster) == ["c5", "c6"])
        }
    }

    @Test func eachWriteIsOneLogLineAndAFloodOfRefusalsIsLoggedTenASecond() throws {
        let log = LogRecorder()
        let clock = TestClock()
        let trail = try AuditTrail(settings: AuditSettings(), store: nil, logger: log.logger(), now: { clock.now })
        trail.record(Self.record("aws-west"))
        var refused = Self.record("aws-west")
        refused.result = "refused"
        refused.status = 401
        refused.error = "unauthorized"
        refused.message = "the bearer token is not valid"
        for _ in 0..<25 {
            trail.record(refused)
        }
        clock.advance(by: 1)
        trail.record(refused)
        #expect(log.lines.count == 12)
        #expect(
            log.lines.first
                == "info: write accepted {action=snapshot, audit=1, caller=admin by bearer token, cluster=aws-west, status=200}")
        #expect(
            log.lines.last
                == "notice: write refused: the bearer token is not valid {action=snapshot, audit=27, caller=admin by bearer token, cluster=aws-west, error=unauthorized, refusals-not-logged=15, status=401}"
        )
        #expect(trail.log(cluster: nil, since: nil, until: nil, limit: 100).records.count == 27, "every write is recorded")
    }

    @Test(
        arguments: [
            (1_796_637_600.1239, "2026-12-07T10:00:00.124Z"), (0, "1970-01-01T00:00:00.000Z"),
            (951_782_399.999, "2000-02-28T23:59:59.999Z"), (951_868_800.5, "2000-03-01T00:00:00.500Z"),
        ] as [(Double, String)])
    func timestampsAreRFC3339InUTCWithMilliseconds(seconds: Double, expected: String) {
        #expect(AuditTrail.timestamp(Date(timeIntervalSince1970: seconds)) == expected)
        #expect(RFC3339Time.string(secondsSince1970: seconds) == expected)
    }

    @Test func aFloodOfRecordsKeepsTheTrailBounded() throws {
        let trail = try AuditTrail(settings: AuditSettings(maxRecords: 50), store: nil, logger: Logger(label: "test"))
        for index in 0..<10_000 {
            trail.record(Self.record("c\(index % 7)"))
        }
        let records = trail.log(cluster: nil, since: nil, until: nil, limit: 10_000).records
        #expect(records.count <= 50 + 50 / 4)
        #expect(records.last?.sequence == 10_000)
    }
}
