import EndpointTable
import Foundation
import TestKit
import Testing

/// When each cluster started exporting each service, on the table's lease clock: kept while the
/// cluster exports the service, started over when it withdraws and exports it again, stored, and
/// older than anything exported after a restart.
struct FirstExportTests {
    static let web = F.headless(F.web, [("10.0.0.1", ready: true)])
    static let readyWeb = F.headless(F.web, [("10.0.0.1", ready: true), ("10.0.0.2", ready: true)])
    static let api = F.clusterSetIP(F.api, serviceIP: "172.20.0.10", [("10.0.1.1", ready: true)])

    /// When `cluster` started exporting `key`, as the table's current snapshot has it.
    static func firstExport(_ table: EndpointTable, _ key: ServiceKey, by cluster: ClusterID) -> Duration? {
        table.snapshot.services[key]?.firstExported[cluster]
    }

    @Test func aRepushKeepsTheTime() throws {
        let fixture = try TableFixture()
        fixture.clock.advance(by: .seconds(10))
        try fixture.table.apply(.snapshot(F.west, generation: 1, info: ClusterInfo(), exports: [Self.web]))
        fixture.clock.advance(by: .seconds(5))
        try fixture.table.apply(.snapshot(F.west, generation: 2, info: ClusterInfo(), exports: [Self.readyWeb, Self.api]))
        fixture.clock.advance(by: .seconds(5))
        try fixture.table.apply(
            .delta(
                F.west, baseGeneration: 2, generation: 3,
                operations: [
                    .upsert(Self.web), .remove(F.api), .upsert(Self.api), .setReadiness(F.web, address: F.address("10.0.0.1"), ready: false),
                ]))

        #expect(Self.firstExport(fixture.table, F.web, by: F.west) == .seconds(10))
        #expect(Self.firstExport(fixture.table, F.api, by: F.west) == .seconds(15))
        #expect(
            fixture.store.calls.last
                == .save(
                    StoredClusterUpdate(
                        cluster: F.west, info: ClusterInfo(), generation: 3, previousGeneration: 2, replaceAll: false,
                        upserted: [F.headless(F.web, [("10.0.0.1", ready: false)])], removed: [], firstExported: [F.web: .seconds(10)])))
    }

    @Test func aWithdrawnExportExportedAgainGetsANewTime() throws {
        let fixture = try TableFixture()
        fixture.clock.advance(by: .seconds(10))
        try fixture.table.apply(.snapshot(F.west, generation: 1, info: ClusterInfo(), exports: [Self.web, Self.api]))
        fixture.clock.advance(by: .seconds(10))
        try fixture.table.apply(.snapshot(F.west, generation: 2, info: ClusterInfo(), exports: [Self.api]))
        #expect(Self.firstExport(fixture.table, F.web, by: F.west) == nil)
        fixture.clock.advance(by: .seconds(10))
        try fixture.table.apply(.snapshot(F.west, generation: 3, info: ClusterInfo(), exports: [Self.web, Self.api]))
        #expect(Self.firstExport(fixture.table, F.web, by: F.west) == .seconds(30))

        fixture.clock.advance(by: .seconds(10))
        try fixture.table.apply(.delta(F.west, baseGeneration: 3, generation: 4, operations: [.remove(F.api)]))
        fixture.clock.advance(by: .seconds(10))
        try fixture.table.apply(.delta(F.west, baseGeneration: 4, generation: 5, operations: [.upsert(Self.api)]))

        #expect(Self.firstExport(fixture.table, F.api, by: F.west) == .seconds(50))
        #expect(Self.firstExport(fixture.table, F.web, by: F.west) == .seconds(30))
        #expect(
            fixture.store.calls.last
                == .save(
                    StoredClusterUpdate(
                        cluster: F.west, info: ClusterInfo(), generation: 5, previousGeneration: 4, replaceAll: false,
                        upserted: [Self.api], removed: [], firstExported: [F.api: .seconds(50)])))
    }

    @Test func eachClusterKeepsItsOwnTime() throws {
        let fixture = try TableFixture()
        fixture.clock.advance(by: .seconds(1))
        try fixture.table.apply(.snapshot(F.west, generation: 1, info: ClusterInfo(), exports: [Self.web]))
        fixture.clock.advance(by: .seconds(1))
        try fixture.table.apply(.snapshot(F.east, generation: 1, info: ClusterInfo(), exports: [Self.web]))
        try fixture.table.apply(.deleteCluster(F.west))

        #expect(fixture.table.snapshot.services[F.web]?.firstExported == [F.east: .seconds(2)])
    }

    /// The stored times come back after a restart, and an export made after it is younger than
    /// every restored one, although the new process's lease clock starts again at zero.
    @Test func aRestartKeepsTheTimesAndExportsAfterItAreYounger() throws {
        let database = F.temporaryDatabase()
        defer { try? FileManager.default.removeItem(at: database.folder) }
        let firstClock = ManualLeaseClock(now: .seconds(100))
        let first = try EndpointTable(store: SQLiteEndpointStore(path: database.path), clock: firstClock, settings: TableSettings())
        try first.apply(.snapshot(F.west, generation: 1, info: ClusterInfo(), exports: [Self.web]))
        firstClock.advance(by: .seconds(20))
        try first.apply(.snapshot(F.north, generation: 1, info: ClusterInfo(), exports: [Self.web, Self.api]))

        let secondClock = ManualLeaseClock()
        let second = try EndpointTable(store: SQLiteEndpointStore(path: database.path), clock: secondClock, settings: TableSettings())
        #expect(second.snapshot.services[F.web]?.firstExported == [F.west: .seconds(100), F.north: .seconds(120)])
        #expect(second.snapshot.services[F.api]?.firstExported == [F.north: .seconds(120)])

        secondClock.advance(by: .seconds(3))
        try second.apply(.snapshot(F.east, generation: 1, info: ClusterInfo(), exports: [Self.web]))
        try second.apply(.snapshot(F.west, generation: 2, info: ClusterInfo(), exports: [Self.readyWeb]))

        #expect(
            second.snapshot.services[F.web]?.firstExported == [
                F.west: .seconds(100), F.north: .seconds(120), F.east: .seconds(123) + .nanoseconds(1),
            ])
    }

    @Test func theInMemoryStoreKeepsTheTimesToo() throws {
        let store = InMemoryEndpointStore()
        let clock = ManualLeaseClock(now: .seconds(7))
        try EndpointTable(store: store, clock: clock, settings: TableSettings())
            .apply(.snapshot(F.west, generation: 1, info: ClusterInfo(), exports: [Self.web, Self.api]))

        #expect(
            store.load() == [
                StoredCluster(
                    id: F.west, info: ClusterInfo(), generation: 1, exports: [Self.api, Self.web],
                    firstExported: [F.api: .seconds(7), F.web: .seconds(7)])
            ])
        let restarted = try EndpointTable(store: store, clock: ManualLeaseClock(), settings: TableSettings())
        #expect(restarted.snapshot.services[F.web]?.firstExported == [F.west: .seconds(7)])
    }

    /// The table lists the exports left out for their kind: every export of the other kind than
    /// the oldest live export's.
    @Test func listsKindConflicts() throws {
        let fixture = try TableFixture()
        let headlessAPI = F.headless(F.api, [("10.9.0.1", ready: false)])
        try fixture.table.apply(.snapshot(F.east, generation: 1, info: ClusterInfo(), exports: [Self.api]))
        fixture.clock.advance(by: .seconds(1))
        try fixture.table.apply(.snapshot(F.west, generation: 1, info: ClusterInfo(), exports: [headlessAPI, Self.web]))
        fixture.clock.advance(by: .seconds(1))
        try fixture.table.apply(.snapshot(F.north, generation: 1, info: ClusterInfo(), exports: [headlessAPI]))

        let conflicts = fixture.table.snapshot.kindConflicts()
        #expect(
            conflicts.map { "\($0.service) \($0.cluster) \($0.kind.name)" } == ["default/api aws-west headless", "default/api azure-north headless"])
        let decision = try #require(conflicts.first?.decision)
        #expect(conflicts.map(\.decision) == [decision, decision])
        #expect(decision.cluster == F.east && decision.kind == Self.api.kind && decision.firstExported == .zero && decision.isLive)
        #expect(fixture.table.snapshot.kindConflicts(of: F.west).map(\.service) == [F.api])
        #expect(fixture.table.snapshot.mixedKindServices.sorted() == [F.api])

        fixture.clock.advance(by: .seconds(14))
        try fixture.table.apply(.heartbeat(F.west))
        try fixture.table.apply(.heartbeat(F.north))
        fixture.clock.advance(by: .seconds(1))
        let lapsed = fixture.table.advance()
        #expect(lapsed.clusters[F.east]?.lease == .stale)
        #expect(
            lapsed.kindConflicts().map { "\($0.cluster) \($0.kind.name) behind \($0.decision.cluster)" } == ["gcp-east clusterSetIP behind aws-west"])

        try fixture.table.apply(.deleteCluster(F.east))
        #expect(fixture.table.snapshot.kindConflicts().isEmpty)
        #expect(fixture.table.snapshot.mixedKindServices.isEmpty)
    }

    /// Each export left out, or taken back in, is logged once, when the change that does it is
    /// published: a push or a lease lapse, not a heartbeat that changes nothing about it.
    @Test func logsEachConflictOnceWhenItChanges() throws {
        let log = LogRecorder()
        let clock = ManualLeaseClock()
        let table = try EndpointTable(store: InMemoryEndpointStore(), clock: clock, settings: TableSettings(), logger: log.logger())
        let headlessAPI = F.headless(F.api, [("10.9.0.1", ready: false)])
        try table.apply(.snapshot(F.east, generation: 1, info: ClusterInfo(), exports: [Self.api]))
        clock.advance(by: .seconds(1))
        try table.apply(.snapshot(F.west, generation: 1, info: ClusterInfo(), exports: [headlessAPI]))
        try table.apply(.heartbeat(F.west))
        try table.apply(.snapshot(F.west, generation: 2, info: ClusterInfo(), exports: [headlessAPI, Self.web]))
        clock.advance(by: .seconds(14))
        try table.apply(.heartbeat(F.west))
        clock.advance(by: .seconds(1))
        table.advance()
        try table.apply(.delta(F.west, baseGeneration: 2, generation: 3, operations: [.remove(F.api)]))

        let why = "its export is the oldest of a live cluster"
        #expect(
            log.lines == [
                "warning: export left out: another cluster's export sets the service's kind (KEP-1645: the oldest export wins) "
                    + "{cluster=aws-west, decidingCluster=gcp-east, decidingKind=clusterSetIP, kind=headless, service=default/api, why=\(why)}",
                "warning: export left out: another cluster's export sets the service's kind (KEP-1645: the oldest export wins) "
                    + "{cluster=gcp-east, decidingCluster=aws-west, decidingKind=headless, kind=clusterSetIP, service=default/api, why=\(why)}",
                "notice: export answered again: its kind no longer conflicts {cluster=aws-west, service=default/api}",
                "notice: export answered again: its kind no longer conflicts {cluster=gcp-east, service=default/api}",
            ])
    }
}
