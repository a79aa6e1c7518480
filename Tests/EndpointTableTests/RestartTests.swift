import EndpointTable
import Foundation
import Testing

/// A table reopened on the same SQLite file answers from the last stored state.
struct RestartTests {
    @Test func reopenedTableHasTheSameExportsAndGenerationsAllStale() throws {
        let database = F.temporaryDatabase()
        defer { try? FileManager.default.removeItem(at: database.folder) }
        let clock = ManualLeaseClock()
        let first = try EndpointTable(store: SQLiteEndpointStore(path: database.path), clock: clock, settings: TableSettings())
        try first.apply(
            .snapshot(
                F.west, generation: 1, info: ClusterInfo(region: "us-west", labels: ["cloud": "aws"]),
                exports: [
                    F.headless(F.web, [("10.0.0.1", ready: true), ("10.0.0.2", ready: false)]),
                    F.clusterSetIP(F.api, serviceIP: "fd00::10", [("2001:db8::1", ready: true)]),
                ]))
        try first.apply(
            .snapshot(F.east, generation: 10, info: ClusterInfo(region: "us-east"), exports: [F.headless(F.web, [("10.9.0.1", ready: true)])]))
        try first.apply(.snapshot(F.north, generation: 1, info: ClusterInfo(), exports: [F.headless(F.db, [])]))
        try first.apply(
            .delta(
                F.west, baseGeneration: 1, generation: 2,
                operations: [
                    .setReadiness(F.web, address: F.address("10.0.0.2"), ready: true),
                    .upsert(F.headless(F.db, [("10.0.2.1", ready: true)])),
                    .remove(F.api),
                ]))
        try first.apply(.heartbeat(F.east))
        try first.apply(.deleteCluster(F.north))
        let before = first.snapshot

        let second = try EndpointTable(store: SQLiteEndpointStore(path: database.path), clock: clock, settings: TableSettings())
        let restored = second.snapshot

        #expect(restored.version == 1)
        #expect(restored.services == before.services)
        #expect(restored.clusters.keys.sorted() == [F.west, F.east])
        for (id, state) in before.clusters {
            #expect(restored.exports(of: id) == before.exports(of: id))
            #expect(
                restored.clusters[id]
                    == ClusterState(
                        id: id, info: state.info, generation: state.generation, lease: .stale, leaseExpiry: nil, endpointCount: state.endpointCount,
                        readyEndpointCount: state.readyEndpointCount, staleSince: clock.now))
        }
        #expect(try second.apply(.delta(F.west, baseGeneration: 2, generation: 3, operations: [])).version == 2)
        #expect(throws: TableError.staleGeneration(current: 10)) {
            try second.apply(.snapshot(F.east, generation: 10, info: ClusterInfo(), exports: []))
        }
    }

    /// The answer version (which the zones' SOA serials follow) skips heartbeats and goes on
    /// rising after a restart, above every version handed out before it, as often as it restarts.
    @Test func theAnswerVersionNeverGoesBackAcrossRestarts() throws {
        let database = F.temporaryDatabase()
        defer { try? FileManager.default.removeItem(at: database.folder) }
        let clock = ManualLeaseClock()
        func open() throws -> EndpointTable {
            try EndpointTable(store: SQLiteEndpointStore(path: database.path), clock: clock, settings: TableSettings())
        }
        let first = try open()
        #expect(first.snapshot.answerVersion == 0)
        try first.apply(.snapshot(F.west, generation: 1, info: ClusterInfo(), exports: [F.headless(F.web, [("10.0.0.1", ready: true)])]))
        #expect(first.snapshot.answerVersion == 1)
        try first.apply(.heartbeat(F.west))
        #expect(first.snapshot.version == 2)
        #expect(first.snapshot.answerVersion == 1)
        try first.apply(.snapshot(F.west, generation: 2, info: ClusterInfo(), exports: [F.headless(F.web, [("10.0.0.2", ready: true)])]))
        let handedOut = first.snapshot.answerVersion
        #expect(handedOut == 2)

        var previous = handedOut
        for _ in 1...3 {
            let reopened = try open()
            #expect(reopened.snapshot.answerVersion > previous)
            try reopened.apply(.snapshot(F.west, generation: UInt64(previous) + 10, info: ClusterInfo(), exports: []))
            #expect(reopened.snapshot.answerVersion > previous)
            previous = reopened.snapshot.answerVersion
        }
    }

    @Test func anEmptyStoreGivesTheEmptyTable() throws {
        let table = try EndpointTable(store: InMemoryEndpointStore(), clock: ManualLeaseClock(), settings: TableSettings())

        #expect(table.snapshot.version == 0)
        #expect(table.snapshot.clusters.isEmpty)
        #expect(table.snapshot.services.isEmpty)
    }

    /// Two tables on one file stand in for replicas sharing a store: the store's compare and set
    /// refuses a write based on a generation the other replica already replaced.
    @Test func aStoreSharedWithAnotherWriterRefusesOutdatedChanges() throws {
        let database = F.temporaryDatabase()
        defer { try? FileManager.default.removeItem(at: database.folder) }
        let one = try EndpointTable(store: SQLiteEndpointStore(path: database.path), clock: ManualLeaseClock(), settings: TableSettings())
        let other = try EndpointTable(store: SQLiteEndpointStore(path: database.path), clock: ManualLeaseClock(), settings: TableSettings())
        try one.apply(.snapshot(F.west, generation: 1, info: ClusterInfo(), exports: []))

        #expect(throws: TableError.storeFailed(EndpointStoreError.generationConflict(F.west, stored: 1, expected: 0).description)) {
            try other.apply(.snapshot(F.west, generation: 1, info: ClusterInfo(), exports: []))
        }
        #expect(other.snapshot.clusters.isEmpty)
    }
}
