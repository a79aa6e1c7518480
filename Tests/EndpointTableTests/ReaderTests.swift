import Dispatch
import EndpointTable
import Synchronization
import TestKit
import Testing

/// Readers take the published snapshot without waiting for a writer that is busy storing.
struct ReaderTests {
    /// A store whose writes block until released, reporting when one has started.
    final class GatedStore: EndpointStore {
        let entered = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)

        func load() -> [StoredCluster] { [] }

        func save(_ update: StoredClusterUpdate) {
            entered.signal()
            release.wait()
        }

        func deleteCluster(_ id: ClusterID) {}
        func reservedAnswerVersion() -> UInt64 { 0 }
        func reserveAnswerVersions(through version: UInt64) {}
    }

    @Test func readersDoNotWaitForAWriterThatIsStoring() async throws {
        let store = GatedStore()
        let table = try EndpointTable(store: store, clock: ManualLeaseClock(), settings: TableSettings())
        let writerDone = DispatchSemaphore(value: 0)
        let outcome = Mutex<TableSnapshot?>(nil)
        DispatchQueue.global().async {
            let snapshot = try? table.apply(.snapshot(F.west, generation: 1, info: ClusterInfo(), exports: []))
            outcome.withLock { $0 = snapshot }
            writerDone.signal()
        }
        try await onOwnThread { store.entered.wait() }

        #expect(table.snapshot.version == 0)
        #expect(table.nextDeadline == nil)

        store.release.signal()
        try await onOwnThread { writerDone.wait() }
        #expect(outcome.withLock { $0?.version } == 1)
        #expect(table.snapshot.version == 1)
    }

    @Test func readersAlwaysSeeAWholeSnapshot() async throws {
        let table = try EndpointTable(store: InMemoryEndpointStore(), clock: ManualLeaseClock(), settings: TableSettings())
        let addresses = (1...20).map { F.address("10.0.0.\($0)") }
        try table.apply(
            .snapshot(
                F.west, generation: 1, info: ClusterInfo(),
                exports: [
                    ServiceExport(key: F.web, kind: .headless, ports: [], endpoints: addresses.map { Endpoint(addresses: [$0], ready: false) })
                ]))

        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for generation in UInt64(1)..<400 {
                    let address = addresses[Int(generation) % addresses.count]
                    try table.apply(
                        .delta(
                            F.west, baseGeneration: generation, generation: generation + 1,
                            operations: [
                                .setReadiness(F.web, address: address, ready: generation % 3 != 0)
                            ]))
                }
            }
            group.addTask {
                var lastVersion: UInt64 = 0
                while lastVersion < 400 {
                    let snapshot = table.snapshot
                    #expect(snapshot.version >= lastVersion)
                    #expect(snapshot.clusters[F.west]?.generation == snapshot.version)
                    #expect(snapshot.services[F.web]?.exports[F.west] == snapshot.exports(of: F.west)[F.web])
                    lastVersion = snapshot.version
                    await Task.yield()
                }
            }
            try await group.waitForAll()
        }
    }
}
