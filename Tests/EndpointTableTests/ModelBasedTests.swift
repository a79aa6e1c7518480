import Foundation
import SeededRandom
import Testing

@testable import EndpointTable

/// Random sequences of snapshots, deltas (valid and not, some intended), heartbeats, deletions,
/// operators' releases of held withdrawals and clock steps, applied to the table (on SQLite) and
/// to ``ReferenceModel``; after every step both must agree on what was accepted and on everything observable, the changed services the table's change log
/// names must agree with comparing the tables, and a restart must restore the same state.
struct ModelBasedTests {
    /// Short leases, expiry, damping and withdrawal holds, so lapses, expiries, holds and their
    /// ends all occur.
    static let settings = TableSettings(
        leaseDuration: .seconds(10), leaseGrace: .seconds(5), maxEndpointsPerCluster: 8, expireAfter: .seconds(20),
        damping: LeaseDamping(lapses: 2, window: .seconds(60), hold: .seconds(12)), withdrawalGuard: WithdrawalGuard(share: 0.5, hold: .seconds(9)))
    static let clusters = [F.west, F.east, F.north]
    static let keys = [F.web, F.api, F.db, ServiceKey(namespace: "data", name: "cache")!]
    static let addresses = ["10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4", "2001:db8::1", "2001:db8::2"].map(F.address)

    enum Step {
        case change(TableChange)
        case advance(Duration)
    }

    /// Draws the next step, mostly near-valid changes so that both acceptance and every refusal occur.
    struct StepGenerator {
        var random: SplitMix64

        /// A number in `0..<bound`.
        mutating func below(_ bound: Int) -> Int {
            Int(random.next(upperBound: UInt64(bound)))
        }

        mutating func chance(_ percent: Int) -> Bool {
            below(100) < percent
        }

        mutating func pick<T>(_ values: [T]) -> T {
            values[below(values.count)]
        }

        /// A generation near `current`: mostly above it, sometimes equal or below.
        mutating func generation(near current: UInt64) -> UInt64 {
            switch below(10) {
            case 0: current.saturatingSubtraction(1)
            case 1: current
            default: current + UInt64(1 + below(2))
            }
        }

        mutating func export(_ key: ServiceKey) -> ServiceExport {
            let endpoints = (0..<below(5)).map { _ in
                Endpoint(addresses: [pick(ModelBasedTests.addresses)], hostname: chance(30) ? "pod" : nil, ready: chance(60))
            }
            let kind: ServiceKind = chance(50) ? .headless : .clusterSetIP([F.address("172.20.0.\(below(4))")])
            return ServiceExport(key: key, kind: kind, ports: [ServicePort(name: "http", port: 80, portProtocol: .tcp)], endpoints: endpoints)
        }

        mutating func operation() -> DeltaOperation {
            let key = pick(ModelBasedTests.keys)
            switch below(3) {
            case 0: return .upsert(export(key))
            case 1: return .remove(key)
            default: return .setReadiness(key, address: pick(ModelBasedTests.addresses), ready: chance(50))
            }
        }

        mutating func step(model: ReferenceModel, now: Duration) -> Step {
            let cluster = pick(ModelBasedTests.clusters)
            let current = model.clusters[cluster]?.generation ?? 0
            switch below(100) {
            case 0..<25:
                var exports = ModelBasedTests.keys.filter { _ in chance(50) }.map { export($0) }
                if chance(5), let first = exports.first {
                    exports.append(first)
                }
                return .change(
                    .snapshot(
                        cluster, generation: generation(near: current), info: ClusterInfo(region: pick(["eu", "us"])), exports: exports,
                        intended: chance(10)))
            case 25..<60:
                let base = chance(85) ? current : generation(near: current)
                let operations = (0..<below(4)).map { _ in operation() }
                return .change(
                    .delta(cluster, baseGeneration: base, generation: generation(near: base), operations: operations, intended: chance(10)))
            case 60..<74:
                return .change(.heartbeat(cluster))
            case 74..<77:
                return .change(.releaseWithdrawals(cluster))
            case 77..<80:
                return .change(.deleteCluster(cluster))
            default:
                if chance(40), let expiry = model.nextLeaseExpiry, expiry > now {
                    return .advance(expiry - now - (chance(50) ? .nanoseconds(1) : .zero))
                }
                return .advance(.milliseconds(below(8_000)))
            }
        }
    }

    @Test(arguments: [1, 2, 3, 4] as [UInt64])
    func tableAgreesWithTheReferenceModel(seed: UInt64) throws {
        let database = F.temporaryDatabase()
        defer { try? FileManager.default.removeItem(at: database.folder) }
        let clock = ManualLeaseClock(now: .seconds(1000))
        let table = try EndpointTable(store: SQLiteEndpointStore(path: database.path), clock: clock, settings: Self.settings)
        var model = ReferenceModel(settings: Self.settings)
        var generator = StepGenerator(random: SplitMix64(seed: seed))
        var outcomes: [String: Int] = [:]
        var history = [table.snapshot]

        for index in 0..<400 {
            let step = generator.step(model: model, now: clock.now)
            switch step {
            case .change(let change):
                let expected = model.apply(change, now: clock.now)
                var refusal: TableError?
                do {
                    try table.apply(change)
                } catch {
                    refusal = error
                }
                try #require(refusal == expected, "step \(index): \(change)")
                outcomes[refusal.map { Mirror(reflecting: $0).children.first?.label ?? "\($0)" } ?? "accepted", default: 0] += 1
            case .advance(let duration):
                clock.advance(by: duration)
                let before = table.snapshot
                if table.advance() !== before {
                    outcomes["lapse", default: 0] += 1
                }
                model.advance(now: clock.now)
            }
            if !(table.snapshot.clusters.values.allSatisfy { $0.heldWithdrawals.isEmpty }) {
                outcomes["withdrawals held", default: 0] += 1
            }
            try #require(TableObservation(table) == model.observation, "after step \(index): \(step)")
            if table.snapshot !== history.last {
                history.append(table.snapshot)
                try Self.checkChangedServices(history, random: &generator.random)
            }
        }

        let restarted = try EndpointTable(store: SQLiteEndpointStore(path: database.path), clock: clock, settings: Self.settings)
        model.restart(now: clock.now)
        #expect(TableObservation(restarted) == model.observation)
        let everyOutcome: Set = [
            "accepted", "lapse", "withdrawals held", "staleGeneration", "generationMismatch", "unknownCluster",
            "unknownService", "unknownEndpoint", "tooManyEndpoints", "duplicateService",
        ]
        #expect(Set(outcomes.keys) == everyOutcome, "outcomes: \(outcomes)")
    }

    /// What the newest snapshot's change log names since the one before it and since a random
    /// older one, against comparing the tables export by export (snapshots rebuilt from their
    /// parts have no log): one version apart both agree; further apart the log may name more (a
    /// change and its undoing), never less; beyond the log's reach the tables are compared.
    static func checkChangedServices(_ history: [TableSnapshot], random: inout SplitMix64) throws {
        let current = history[history.count - 1]
        let previous = history[history.count - 2]
        let older = history[Int(random.next(upperBound: UInt64(history.count - 1)))]
        func compared(_ snapshot: TableSnapshot) -> Set<String>? {
            current.changedServiceNames(since: TableSnapshot(version: snapshot.version, clusters: snapshot.clusters, services: snapshot.services))
        }
        try #require(current.changes.reaches(back: previous.version))
        try #require(current.changes.changedServiceNames(after: previous.version) == compared(previous))
        guard current.changes.reaches(back: older.version) else {
            try #require(current.version - older.version > UInt64(TableChangeLog.capacity))
            try #require(current.changedServiceNames(since: older) == compared(older))
            return
        }
        let logged = current.changes.changedServiceNames(after: older.version)
        try #require(current.changedServiceNames(since: older) == logged)
        if let expected = compared(older) {
            try #require(logged.map { $0.isSuperset(of: expected) } ?? true, "logged \(String(describing: logged)), compared \(expected)")
        } else {
            try #require(logged == nil)
        }
    }
}

extension UInt64 {
    fileprivate func saturatingSubtraction(_ other: UInt64) -> UInt64 {
        self > other ? self - other : 0
    }
}
