import EndpointTable
import Testing

/// Every rule of `apply`: what is refused with which error, and what each accepted change does.
struct ApplyRuleTests {
    /// `aws-west` at generation 2 exporting `default/web` (one of two endpoints ready) and
    /// `default/api` (one ready endpoint): 3 endpoints of the 5 allowed.
    static func westAtGenerationTwo() throws -> TableFixture {
        let fixture = try TableFixture(settings: TableSettings(maxEndpointsPerCluster: 5))
        try fixture.table.apply(
            .snapshot(
                F.west, generation: 2, info: ClusterInfo(region: "us-west"),
                exports: [
                    F.headless(F.web, [("10.0.0.1", ready: true), ("10.0.0.2", ready: false)]),
                    F.clusterSetIP(F.api, serviceIP: "172.20.0.10", [("10.0.1.1", ready: true)]),
                ]))
        return fixture
    }

    struct Refusal: Sendable, CustomTestStringConvertible {
        let testDescription: String
        let change: TableChange
        let error: TableError
    }

    static let refusals: [Refusal] = [
        Refusal(
            testDescription: "snapshot at the current generation",
            change: .snapshot(F.west, generation: 2, info: ClusterInfo(), exports: []),
            error: .staleGeneration(current: 2)),
        Refusal(
            testDescription: "snapshot below the current generation",
            change: .snapshot(F.west, generation: 1, info: ClusterInfo(), exports: []),
            error: .staleGeneration(current: 2)),
        Refusal(
            testDescription: "first snapshot of a cluster at generation 0",
            change: .snapshot(F.east, generation: 0, info: ClusterInfo(), exports: []),
            error: .staleGeneration(current: 0)),
        Refusal(
            testDescription: "snapshot listing a service twice",
            change: .snapshot(
                F.west, generation: 3, info: ClusterInfo(),
                exports: [
                    F.headless(F.web, [("10.0.0.1", ready: true)]),
                    F.headless(F.db, []),
                    F.headless(F.web, [("10.0.0.9", ready: true)]),
                ]),
            error: .duplicateService(F.web)),
        Refusal(
            testDescription: "snapshot over the endpoint limit",
            change: .snapshot(
                F.east, generation: 1, info: ClusterInfo(),
                exports: [
                    F.headless(F.web, [("10.1.0.1", ready: true), ("10.1.0.2", ready: true), ("10.1.0.3", ready: true)]),
                    F.headless(F.db, [("10.1.1.1", ready: true), ("10.1.1.2", ready: true), ("10.1.1.3", ready: true)]),
                ]),
            error: .tooManyEndpoints(limit: 5)),
        Refusal(
            testDescription: "delta for an unknown cluster",
            change: .delta(F.east, baseGeneration: 0, generation: 1, operations: []),
            error: .unknownCluster(F.east)),
        Refusal(
            testDescription: "delta on an older base generation",
            change: .delta(F.west, baseGeneration: 1, generation: 3, operations: []),
            error: .generationMismatch(current: 2)),
        Refusal(
            testDescription: "delta on a newer base generation",
            change: .delta(F.west, baseGeneration: 3, generation: 4, operations: []),
            error: .generationMismatch(current: 2)),
        Refusal(
            testDescription: "delta not advancing the generation",
            change: .delta(F.west, baseGeneration: 2, generation: 2, operations: []),
            error: .staleGeneration(current: 2)),
        Refusal(
            testDescription: "delta removing a service not exported",
            change: .delta(F.west, baseGeneration: 2, generation: 3, operations: [.remove(F.db)]),
            error: .unknownService(F.db)),
        Refusal(
            testDescription: "delta setting readiness in a service not exported",
            change: .delta(
                F.west, baseGeneration: 2, generation: 3,
                operations: [
                    .setReadiness(F.db, address: F.address("10.0.0.1"), ready: true)
                ]),
            error: .unknownService(F.db)),
        Refusal(
            testDescription: "delta setting readiness of an address the service does not have",
            change: .delta(
                F.west, baseGeneration: 2, generation: 3,
                operations: [
                    .setReadiness(F.web, address: F.address("10.0.1.1"), ready: true)
                ]),
            error: .unknownEndpoint(F.web, F.address("10.0.1.1"))),
        Refusal(
            testDescription: "delta whose later operation fails after valid ones",
            change: .delta(
                F.west, baseGeneration: 2, generation: 3,
                operations: [
                    .upsert(F.headless(F.db, [("10.0.2.1", ready: true)])),
                    .setReadiness(F.web, address: F.address("10.0.0.2"), ready: true),
                    .remove(F.api),
                    .remove(F.api),
                ]),
            error: .unknownService(F.api)),
        Refusal(
            testDescription: "delta editing a service it removed earlier",
            change: .delta(
                F.west, baseGeneration: 2, generation: 3,
                operations: [
                    .remove(F.web),
                    .setReadiness(F.web, address: F.address("10.0.0.1"), ready: false),
                ]),
            error: .unknownService(F.web)),
        Refusal(
            testDescription: "delta over the endpoint limit",
            change: .delta(
                F.west, baseGeneration: 2, generation: 3,
                operations: [
                    .upsert(F.headless(F.db, [("10.0.2.1", ready: true), ("10.0.2.2", ready: true), ("10.0.2.3", ready: true)]))
                ]),
            error: .tooManyEndpoints(limit: 5)),
        Refusal(
            testDescription: "heartbeat of an unknown cluster",
            change: .heartbeat(F.east),
            error: .unknownCluster(F.east)),
        Refusal(
            testDescription: "deletion of an unknown cluster",
            change: .deleteCluster(F.east),
            error: .unknownCluster(F.east)),
    ]

    @Test(arguments: refusals)
    func refusesAndChangesNothing(_ refusal: Refusal) throws {
        let fixture = try Self.westAtGenerationTwo()
        let before = fixture.table.snapshot
        let calls = fixture.store.calls
        let stored = try fixture.store.load()
        fixture.clock.advance(by: .seconds(3))

        #expect(fixture.refusal(refusal.change) == refusal.error)
        #expect(fixture.table.snapshot === before)
        #expect(fixture.store.calls == calls)
        #expect(try fixture.store.load() == stored)
    }

    @Test func aFailingStoreRefusesTheChangeAndPublishesNothing() throws {
        let fixture = try Self.westAtGenerationTwo()
        let before = fixture.table.snapshot
        fixture.store.setFailing(true)

        for change in [
            TableChange.snapshot(F.east, generation: 1, info: ClusterInfo(), exports: []),
            .delta(F.west, baseGeneration: 2, generation: 3, operations: [.remove(F.web)]),
            .deleteCluster(F.west),
        ] {
            #expect(fixture.refusal(change) == .storeFailed("disk full"))
            #expect(fixture.table.snapshot === before)
        }

        fixture.store.setFailing(false)
        #expect(try fixture.table.apply(.delta(F.west, baseGeneration: 2, generation: 3, operations: [.remove(F.web)])).version == before.version + 1)
    }

    @Test func firstSnapshotAddsTheClusterAndItsServices() throws {
        let fixture = try TableFixture()
        let export = F.clusterSetIP(F.api, serviceIP: "172.20.0.10", [("10.0.1.1", ready: true), ("10.0.1.2", ready: false)])
        fixture.clock.advance(by: .seconds(100))

        let snapshot = try fixture.table.apply(.snapshot(F.west, generation: 7, info: ClusterInfo(region: "us-west", zone: "a"), exports: [export]))

        #expect(snapshot.version == 1)
        #expect(fixture.table.snapshot === snapshot)
        #expect(
            snapshot.clusters[F.west]
                == ClusterState(
                    id: F.west, info: ClusterInfo(region: "us-west", zone: "a"), generation: 7,
                    lease: .live, leaseExpiry: .seconds(115), endpointCount: 2, readyEndpointCount: 1))
        #expect(snapshot.services[F.api] == ServiceEntry(key: F.api, exports: [F.west: export], firstExported: [F.west: .seconds(100)]))
        #expect(snapshot.exports(of: F.west) == [F.api: export])
        #expect(
            fixture.store.calls == [
                .save(
                    StoredClusterUpdate(
                        cluster: F.west, info: ClusterInfo(region: "us-west", zone: "a"), generation: 7, previousGeneration: 0,
                        replaceAll: true, upserted: [export], removed: [], firstExported: [F.api: .seconds(100)]))
            ])
    }

    @Test func snapshotReplacesEverythingTheClusterExported() throws {
        let fixture = try Self.westAtGenerationTwo()
        let eastWeb = F.headless(F.web, [("10.9.0.1", ready: true)])
        try fixture.table.apply(.snapshot(F.east, generation: 1, info: ClusterInfo(), exports: [eastWeb]))
        let db = F.headless(F.db, [("10.0.3.1", ready: true)])

        let snapshot = try fixture.table.apply(.snapshot(F.west, generation: 5, info: ClusterInfo(region: "eu"), exports: [db]))

        #expect(snapshot.services[F.api] == nil)
        #expect(snapshot.services[F.web] == ServiceEntry(key: F.web, exports: [F.east: eastWeb]))
        #expect(snapshot.services[F.db] == ServiceEntry(key: F.db, exports: [F.west: db]))
        #expect(snapshot.exports(of: F.west) == [F.db: db])
        #expect(snapshot.clusters[F.west]?.info == ClusterInfo(region: "eu"))
        #expect(snapshot.clusters[F.west]?.generation == 5)
        #expect(snapshot.clusters[F.west]?.endpointCount == 1)
    }

    @Test func snapshotWithNoExportsKeepsTheClusterKnown() throws {
        let fixture = try Self.westAtGenerationTwo()

        let snapshot = try fixture.table.apply(.snapshot(F.west, generation: 3, info: ClusterInfo(), exports: []))

        #expect(snapshot.services.isEmpty)
        #expect(snapshot.exports(of: F.west).isEmpty)
        #expect(snapshot.clusters[F.west]?.endpointCount == 0)
        #expect(fixture.refusal(.heartbeat(F.west)) == nil)
    }

    @Test func deltaAppliesItsOperationsInOrder() throws {
        let fixture = try Self.westAtGenerationTwo()
        let before = fixture.table.snapshot
        let db = F.headless(F.db, [("10.0.2.1", ready: false)])
        let newWeb = F.headless(F.web, [("10.0.0.7", ready: true)])

        let snapshot = try fixture.table.apply(
            .delta(
                F.west, baseGeneration: 2, generation: 9,
                operations: [
                    .upsert(db),
                    .setReadiness(F.db, address: F.address("10.0.2.1"), ready: true),
                    .remove(F.api),
                    .upsert(F.headless(F.web, [])),
                    .upsert(newWeb),
                ]))

        var readyDB = db
        readyDB.endpoints[0].ready = true
        #expect(snapshot.version == before.version + 1)
        #expect(snapshot.exports(of: F.west) == [F.db: readyDB, F.web: newWeb])
        #expect(snapshot.services[F.api] == nil)
        #expect(snapshot.clusters[F.west]?.generation == 9)
        #expect(snapshot.clusters[F.west]?.endpointCount == 2)
        #expect(snapshot.clusters[F.west]?.info == ClusterInfo(region: "us-west"))
    }

    @Test func setReadinessMarksEveryEndpointWithTheAddress() throws {
        let fixture = try TableFixture()
        let shared = F.address("2001:db8::5")
        let export = ServiceExport(
            key: F.web, kind: .headless, ports: [],
            endpoints: [
                Endpoint(addresses: [F.address("10.0.0.1"), shared], ready: false),
                Endpoint(addresses: [F.address("10.0.0.2")], ready: false),
                Endpoint(addresses: [shared], hostname: "b", ready: false),
            ])
        try fixture.table.apply(.snapshot(F.west, generation: 1, info: ClusterInfo(), exports: [export]))

        let snapshot = try fixture.table.apply(
            .delta(
                F.west, baseGeneration: 1, generation: 2,
                operations: [
                    .setReadiness(F.web, address: shared, ready: true)
                ]))

        #expect(snapshot.services[F.web]?.exports[F.west]?.endpoints.map(\.ready) == [true, false, true])
    }

    @Test func heartbeatRenewsTheLeaseAndStoresNothing() throws {
        let fixture = try Self.westAtGenerationTwo()
        let before = fixture.table.snapshot
        let calls = fixture.store.calls
        fixture.clock.advance(by: .seconds(4))

        let snapshot = try fixture.table.apply(.heartbeat(F.west))

        #expect(snapshot.version == before.version + 1)
        #expect(snapshot.clusters[F.west]?.leaseExpiry == .seconds(19))
        #expect(snapshot.clusters[F.west]?.generation == 2)
        #expect(snapshot.services == before.services)
        #expect(fixture.store.calls == calls)
    }

    @Test func deleteForgetsTheClusterAndOnlyItsExports() throws {
        let fixture = try Self.westAtGenerationTwo()
        let eastWeb = F.headless(F.web, [("10.9.0.1", ready: true)])
        try fixture.table.apply(.snapshot(F.east, generation: 4, info: ClusterInfo(), exports: [eastWeb]))

        let snapshot = try fixture.table.apply(.deleteCluster(F.west))

        #expect(snapshot.clusters.keys.sorted() == [F.east])
        #expect(snapshot.services == [F.web: ServiceEntry(key: F.web, exports: [F.east: eastWeb])])
        #expect(snapshot.exports(of: F.west).isEmpty)
        #expect(fixture.store.calls.last == .deleteCluster(F.west))
        #expect(fixture.refusal(.delta(F.west, baseGeneration: 2, generation: 3, operations: [])) == .unknownCluster(F.west))
        #expect(fixture.refusal(.snapshot(F.west, generation: 1, info: ClusterInfo(), exports: [])) == nil)
    }

    @Test func everyAcceptedChangeAddsOneToTheVersion() throws {
        let fixture = try Self.westAtGenerationTwo()
        let changes: [TableChange] = [
            .heartbeat(F.west),
            .delta(F.west, baseGeneration: 2, generation: 3, operations: []),
            .snapshot(F.east, generation: 1, info: ClusterInfo(), exports: []),
            .deleteCluster(F.east),
            .snapshot(F.west, generation: 4, info: ClusterInfo(), exports: []),
        ]
        for (offset, change) in changes.enumerated() {
            #expect(try fixture.table.apply(change).version == UInt64(offset + 2))
        }
    }
}
