import EndpointTable
import Testing

/// A change costs what it touched: a delta stores only the exports it changed, and every
/// untouched service keeps its storage, shared with the previous snapshot.
struct ChangeCostTests {
    static let web = F.headless(F.web, [("10.0.0.1", ready: true), ("10.0.0.2", ready: false)])
    static let api = F.clusterSetIP(F.api, serviceIP: "172.20.0.10", [("10.0.1.1", ready: true)])
    static let db = F.headless(F.db, [("10.0.2.1", ready: true)])

    static func twoClusters() throws -> TableFixture {
        let fixture = try TableFixture()
        try fixture.table.apply(.snapshot(F.west, generation: 1, info: ClusterInfo(), exports: [web, api, db]))
        try fixture.table.apply(
            .snapshot(F.east, generation: 1, info: ClusterInfo(), exports: [F.headless(F.web, [("10.9.0.1", ready: true)]), api]))
        return fixture
    }

    /// The address of an array's element storage: equal addresses mean one shared buffer.
    static func storage(_ endpoints: [Endpoint]?) -> UnsafeRawPointer? {
        endpoints?.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
    }

    @Test func deltaStoresOnlyTheExportsItChanged() throws {
        let fixture = try Self.twoClusters()
        let callsBefore = fixture.store.calls.count

        try fixture.table.apply(
            .delta(
                F.west, baseGeneration: 1, generation: 2,
                operations: [
                    .setReadiness(F.web, address: F.address("10.0.0.2"), ready: true),
                    .upsert(Self.api),
                    .setReadiness(F.db, address: F.address("10.0.2.1"), ready: true),
                    .remove(F.db),
                ]))

        var readyWeb = Self.web
        readyWeb.endpoints[1].ready = true
        #expect(fixture.store.calls.count == callsBefore + 1)
        #expect(
            fixture.store.calls.last
                == .save(
                    StoredClusterUpdate(
                        cluster: F.west, info: ClusterInfo(), generation: 2, previousGeneration: 1,
                        replaceAll: false, upserted: [readyWeb], removed: [F.db])))
    }

    @Test func deltaWithNoEffectStoresOnlyTheGeneration() throws {
        let fixture = try Self.twoClusters()

        try fixture.table.apply(
            .delta(
                F.west, baseGeneration: 1, generation: 5,
                operations: [
                    .setReadiness(F.web, address: F.address("10.0.0.1"), ready: true),
                    .upsert(Self.db),
                ]))

        #expect(
            fixture.store.calls.last
                == .save(
                    StoredClusterUpdate(
                        cluster: F.west, info: ClusterInfo(), generation: 5, previousGeneration: 1,
                        replaceAll: false, upserted: [], removed: [])))
    }

    @Test func deltaOnOneServiceSharesEveryOtherService() throws {
        let fixture = try Self.twoClusters()
        let before = fixture.table.snapshot

        let after = try fixture.table.apply(
            .delta(
                F.west, baseGeneration: 1, generation: 2,
                operations: [
                    .setReadiness(F.web, address: F.address("10.0.0.2"), ready: true)
                ]))

        #expect(after.services[F.api] == before.services[F.api])
        #expect(after.services[F.db] == before.services[F.db])
        for key in [F.api, F.db] {
            #expect(Self.storage(after.services[key]?.exports[F.west]?.endpoints) == Self.storage(before.services[key]?.exports[F.west]?.endpoints))
        }
        #expect(Self.storage(after.services[F.web]?.exports[F.east]?.endpoints) == Self.storage(before.services[F.web]?.exports[F.east]?.endpoints))
        #expect(Self.storage(after.services[F.web]?.exports[F.west]?.endpoints) != Self.storage(before.services[F.web]?.exports[F.west]?.endpoints))
        #expect(before.services[F.web]?.exports[F.west]?.endpoints[1].ready == false)
        #expect(after.clusters[F.east] == before.clusters[F.east])
    }

    @Test func resendingAnUnchangedSnapshotKeepsItsServices() throws {
        let fixture = try Self.twoClusters()
        let before = fixture.table.snapshot

        let equalCopies = [Self.web, Self.api, Self.db].map {
            ServiceExport(key: $0.key, kind: $0.kind, ports: $0.ports, endpoints: $0.endpoints.map { $0 })
        }
        #expect(Self.storage(equalCopies[0].endpoints) != Self.storage(Self.web.endpoints))

        let after = try fixture.table.apply(.snapshot(F.west, generation: 2, info: ClusterInfo(), exports: equalCopies))

        for key in [F.web, F.api, F.db] {
            #expect(Self.storage(after.services[key]?.exports[F.west]?.endpoints) == Self.storage(before.services[key]?.exports[F.west]?.endpoints))
        }
    }

    @Test func heartbeatChangesOnlyItsClusterState() throws {
        let fixture = try Self.twoClusters()
        let before = fixture.table.snapshot
        fixture.clock.advance(by: .seconds(1))

        let after = try fixture.table.apply(.heartbeat(F.west))

        #expect(after.services == before.services)
        #expect(after.clusters[F.east] == before.clusters[F.east])
        #expect(after.clusters[F.west]?.leaseExpiry == .seconds(16))
        for (key, entry) in before.services {
            for (cluster, export) in entry.exports {
                #expect(Self.storage(after.services[key]?.exports[cluster]?.endpoints) == Self.storage(export.endpoints))
            }
        }
    }
}
