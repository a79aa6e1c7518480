import EndpointTable
import Foundation
import Testing

/// The contract every store keeps, checked on the in-memory and the SQLite store alike.
struct EndpointStoreTests {
    enum Kind: String, CaseIterable, Sendable {
        case inMemory, sqlite
    }

    /// A fresh store of `kind` and the folder to remove afterwards, if any.
    static func makeStore(_ kind: Kind) throws -> (store: any EndpointStore, folder: URL?) {
        switch kind {
        case .inMemory:
            return (InMemoryEndpointStore(), nil)
        case .sqlite:
            let database = F.temporaryDatabase()
            return (try SQLiteEndpointStore(path: database.path), database.folder)
        }
    }

    /// An export using every field: both address families, named and unnamed ports of each
    /// protocol, hostnames, zones, weights and readiness.
    static let everyField = ServiceExport(
        key: F.api,
        kind: .clusterSetIP([F.address("172.20.0.10"), F.address("fd00:20::a")]),
        ports: [
            ServicePort(name: "http", port: 80, portProtocol: .tcp),
            ServicePort(name: nil, port: 53, portProtocol: .udp),
            ServicePort(name: "sig", port: 3868, portProtocol: .sctp),
        ],
        endpoints: [
            Endpoint(addresses: [F.address("10.0.1.1"), F.address("2001:db8::1")], hostname: "api-0", ready: true, zone: "us-west-2a", weight: 3),
            Endpoint(addresses: [F.address("10.0.1.2")], ready: false),
        ]
    )

    static let info = ClusterInfo(region: "us-west", zone: "us-west-2a", labels: ["cloud": "aws", "tier": "prod"])

    static func update(
        generation: UInt64, previous: UInt64, replaceAll: Bool, upserted: [ServiceExport], removed: [ServiceKey] = []
    ) -> StoredClusterUpdate {
        StoredClusterUpdate(
            cluster: F.west, info: info, generation: generation, previousGeneration: previous,
            replaceAll: replaceAll, upserted: upserted, removed: removed)
    }

    @Test(arguments: Kind.allCases)
    func savesAndLoadsEveryField(_ kind: Kind) throws {
        let (store, folder) = try Self.makeStore(kind)
        defer { folder.map { try? FileManager.default.removeItem(at: $0) } }
        let web = F.headless(F.web, [("10.0.0.1", ready: true)])

        try store.save(Self.update(generation: 1, previous: 0, replaceAll: true, upserted: [web, Self.everyField]))

        #expect(try store.load() == [StoredCluster(id: F.west, info: Self.info, generation: 1, exports: [Self.everyField, web])])
    }

    @Test(arguments: Kind.allCases)
    func partialUpdatesTouchOnlyTheirExports(_ kind: Kind) throws {
        let (store, folder) = try Self.makeStore(kind)
        defer { folder.map { try? FileManager.default.removeItem(at: $0) } }
        let web = F.headless(F.web, [("10.0.0.1", ready: true)])
        let db = F.headless(F.db, [("10.0.2.1", ready: false)])
        try store.save(Self.update(generation: 1, previous: 0, replaceAll: true, upserted: [web, Self.everyField]))

        let readyWeb = F.headless(F.web, [("10.0.0.1", ready: false)])
        try store.save(Self.update(generation: 2, previous: 1, replaceAll: false, upserted: [db, readyWeb], removed: [F.api]))

        #expect(try store.load() == [StoredCluster(id: F.west, info: Self.info, generation: 2, exports: [db, readyWeb])])

        try store.save(Self.update(generation: 3, previous: 2, replaceAll: true, upserted: [Self.everyField]))
        #expect(try store.load() == [StoredCluster(id: F.west, info: Self.info, generation: 3, exports: [Self.everyField])])
    }

    @Test(arguments: Kind.allCases)
    func refusesAnUpdateBasedOnAnotherGeneration(_ kind: Kind) throws {
        let (store, folder) = try Self.makeStore(kind)
        defer { folder.map { try? FileManager.default.removeItem(at: $0) } }
        try store.save(Self.update(generation: 4, previous: 0, replaceAll: true, upserted: [Self.everyField]))
        let stored = try store.load()

        #expect(throws: EndpointStoreError.generationConflict(F.west, stored: 4, expected: 3)) {
            try store.save(Self.update(generation: 5, previous: 3, replaceAll: true, upserted: []))
        }
        #expect(throws: EndpointStoreError.generationConflict(F.west, stored: 4, expected: 0)) {
            try store.save(Self.update(generation: 1, previous: 0, replaceAll: true, upserted: []))
        }
        #expect(try store.load() == stored)
    }

    @Test(arguments: Kind.allCases)
    func deletingAClusterDeletesItsExports(_ kind: Kind) throws {
        let (store, folder) = try Self.makeStore(kind)
        defer { folder.map { try? FileManager.default.removeItem(at: $0) } }
        try store.save(Self.update(generation: 1, previous: 0, replaceAll: true, upserted: [Self.everyField]))
        let east = StoredClusterUpdate(
            cluster: F.east, info: ClusterInfo(), generation: 1, previousGeneration: 0, replaceAll: true, upserted: [Self.everyField], removed: [])
        try store.save(east)

        try store.deleteCluster(F.west)

        #expect(try store.load() == [StoredCluster(id: F.east, info: ClusterInfo(), generation: 1, exports: [Self.everyField])])
        try store.save(Self.update(generation: 1, previous: 0, replaceAll: false, upserted: []))
        #expect(try store.load().map(\.exports.count) == [0, 1])
    }

    @Test(arguments: Kind.allCases)
    func keepsGenerationsUpToTheHighest(_ kind: Kind) throws {
        let (store, folder) = try Self.makeStore(kind)
        defer { folder.map { try? FileManager.default.removeItem(at: $0) } }

        try store.save(Self.update(generation: GenerationRange.highest - 1, previous: 0, replaceAll: true, upserted: []))
        try store.save(Self.update(generation: GenerationRange.highest, previous: GenerationRange.highest - 1, replaceAll: false, upserted: []))

        #expect(try store.load().map(\.generation) == [GenerationRange.highest])
    }

    /// A state file written before generations were bounded may hold one beyond 2^53 (once even
    /// 2^64 - 1); it reads back as none, so the cluster's next snapshot replaces it.
    @Test func aStoredGenerationBeyondTheHighestCountsAsNone() throws {
        let (store, folder) = try Self.makeStore(.sqlite)
        defer { folder.map { try? FileManager.default.removeItem(at: $0) } }

        try store.save(Self.update(generation: .max, previous: 0, replaceAll: true, upserted: []))
        #expect(try store.load().map(\.generation) == [0])
        try store.save(Self.update(generation: 1, previous: 0, replaceAll: false, upserted: []))
        #expect(try store.load().map(\.generation) == [1])
    }

    @Test func sqliteStoreCreatesItsFolderAndReopens() throws {
        let database = Fixtures.temporaryDatabase()
        defer { try? FileManager.default.removeItem(at: database.folder) }
        try SQLiteEndpointStore(path: database.path).save(Self.update(generation: 2, previous: 0, replaceAll: true, upserted: [Self.everyField]))

        #expect(FileManager.default.fileExists(atPath: database.path))
        #expect(
            try SQLiteEndpointStore(path: database.path).load() == [
                StoredCluster(id: F.west, info: Self.info, generation: 2, exports: [Self.everyField])
            ])
    }
}
