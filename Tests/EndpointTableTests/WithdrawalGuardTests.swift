import EndpointTable
import Testing

/// The withdrawal guard on an injected clock: each case is a timeline of one cluster's pushes,
/// an operator's release and ticks of the table's timer, with the ready addresses answered and
/// the endpoints held after each step. `web` has the endpoints 10.0.0.1–4 and .9, `api` .5–.8;
/// a push names the last octets of the ready endpoints the agent exports.
struct WithdrawalGuardTests {
    /// Withdrawals of more than half the ready endpoints, or all of a service's, held for 30 s.
    static let settings = TableSettings(leaseDuration: .seconds(600), withdrawalGuard: WithdrawalGuard(share: 0.5, hold: .seconds(30)))

    enum Action: Sendable, CustomStringConvertible {
        /// A snapshot of these ready endpoints, `intended` or not.
        case push(Set<Int>, intended: Bool = false)
        /// A delta marking these endpoints unready.
        case unready(Set<Int>)
        case release
        case tick

        var description: String {
            switch self {
            case .push(let octets, let intended): "push \(octets.sorted())\(intended ? " intended" : "")"
            case .unready(let octets): "unready \(octets.sorted())"
            case .release: "release"
            case .tick: "tick"
            }
        }
    }

    /// At `second`, `action`, then the timer; the ready endpoints answered and the endpoints held.
    struct Step: Sendable, CustomStringConvertible {
        let second: Int
        let action: Action
        let answered: Set<Int>
        let held: Int
        var description: String { "\(second) s \(action) → answered \(answered.sorted()), \(held) held" }
    }

    struct Timeline: Sendable, CustomTestStringConvertible {
        let name: String
        let steps: [Step]
        var testDescription: String { name }
    }

    static func step(_ second: Int, _ action: Action, _ answered: Set<Int>, held: Int = 0) -> Step {
        Step(second: second, action: action, answered: answered, held: held)
    }

    static let all: Set = [1, 2, 3, 4, 5, 6]

    static let timelines: [Timeline] = [
        Timeline(
            name: "a scale-down of a third applies at once",
            steps: [step(0, .push(all), all), step(1, .push([3, 4, 5, 6]), [3, 4, 5, 6])]),
        Timeline(
            name: "an empty snapshot is held for the hold time, then applies",
            steps: [
                step(0, .push(all), all), step(1, .push([]), all, held: 6), step(30, .tick, all, held: 6), step(31, .tick, []),
            ]),
        Timeline(
            name: "withdrawing every endpoint of one service is held although it is a small share",
            steps: [step(0, .push(all), all), step(1, .push([1, 2, 3, 4]), all, held: 2), step(31, .tick, [1, 2, 3, 4])]),
        Timeline(
            name: "additions apply at once while the withdrawals wait",
            steps: [
                step(0, .push(all), all), step(1, .push([9]), all.union([9]), held: 6), step(31, .tick, [9]),
            ]),
        Timeline(
            name: "an agent that changes back ends the hold",
            steps: [
                step(0, .push(all), all), step(1, .push([]), all, held: 6), step(5, .push(all), all), step(31, .tick, all),
            ]),
        Timeline(
            name: "held endpoints the agent reports ready again leave the hold, the others stay",
            steps: [
                step(0, .push(all), all), step(1, .push([]), all, held: 6), step(5, .push([1, 2, 5]), all, held: 3),
                step(31, .tick, [1, 2, 5]),
            ]),
        Timeline(
            name: "an operator's release applies the withdrawals at once",
            steps: [step(0, .push(all), all), step(1, .push([]), all, held: 6), step(2, .release, [])]),
        Timeline(
            name: "an intended push is not held and releases what was",
            steps: [
                step(0, .push(all), all), step(1, .push([1, 2, 3, 4]), all, held: 2), step(2, .push([1], intended: true), [1]),
            ]),
        Timeline(
            name: "endpoints turning unready count as withdrawals",
            steps: [step(0, .push(all), all), step(1, .unready([5, 6]), all, held: 2), step(31, .tick, [1, 2, 3, 4])]),
        Timeline(
            name: "a hold keeps its release time; a later hold has its own",
            steps: [
                step(0, .push(all), all), step(1, .push([1, 2, 3, 4]), all, held: 2), step(10, .push([4]), all, held: 5),
                step(31, .tick, [1, 2, 3, 4], held: 3), step(40, .tick, [4]),
            ]),
    ]

    @Test(arguments: timelines)
    func answersFollowTheTimeline(_ timeline: Timeline) throws {
        let fixture = try TableFixture(settings: Self.settings)
        var generation: UInt64 = 0
        for step in timeline.steps {
            fixture.clock.advance(by: .seconds(step.second) - fixture.clock.now)
            generation += 1
            switch step.action {
            case .push(let octets, let intended):
                try fixture.table.apply(
                    .snapshot(F.west, generation: generation, info: ClusterInfo(), exports: Self.exports(octets), intended: intended))
            case .unready(let octets):
                try fixture.table.apply(
                    .delta(
                        F.west, baseGeneration: generation - 1, generation: generation,
                        operations: octets.sorted().map { .setReadiness(Self.service($0), address: Self.address($0), ready: false) }))
            case .release:
                try fixture.table.apply(.releaseWithdrawals(F.west))
            case .tick:
                generation -= 1
            }
            let snapshot = fixture.table.advance()
            let answered = snapshot.services.values.flatMap { $0.exports.values.flatMap(\.endpoints) }.filter(\.ready).flatMap(\.addresses)
            #expect(Set(answered) == Set(step.answered.map(Self.address)), "\(step)")
            let held = snapshot.clusters[F.west]?.heldWithdrawals.values.reduce(0) { $0 + $1.endpoints.count }
            #expect(held == step.held, "\(step)")
        }
    }

    @Test func theTimerWakesWhenAHoldEnds() throws {
        let fixture = try TableFixture(settings: Self.settings)
        try fixture.table.apply(.snapshot(F.west, generation: 1, info: ClusterInfo(), exports: Self.exports(Self.all)))
        #expect(fixture.table.nextDeadline == .seconds(605), "the lease's lapse, 600 s and 5 s of grace")
        fixture.clock.advance(by: .seconds(5))
        try fixture.table.apply(.snapshot(F.west, generation: 2, info: ClusterInfo(), exports: []))
        #expect(fixture.table.nextDeadline == .seconds(35))
    }

    @Test func theStoreKeepsWhatTheAgentPushedAndListingsShowIt() throws {
        let fixture = try TableFixture(settings: Self.settings)
        try fixture.table.apply(.snapshot(F.west, generation: 1, info: ClusterInfo(), exports: Self.exports(Self.all)))
        let snapshot = try fixture.table.apply(.snapshot(F.west, generation: 2, info: ClusterInfo(), exports: Self.exports([1])))
        #expect(snapshot.pushedExports(of: F.west).values.sorted { $0.key < $1.key } == Self.exports([1]))
        #expect(snapshot.exports(of: F.west).count == 2, "api is still answered")
        let restarted = try EndpointTable(store: fixture.store, clock: fixture.clock, settings: Self.settings)
        #expect(
            restarted.snapshot.exports(of: F.west).values.sorted { $0.key < $1.key } == Self.exports([1]), "holds last no longer than the process")
    }

    static func service(_ octet: Int) -> ServiceKey {
        (5...8).contains(octet) ? F.api : F.web
    }

    static func address(_ octet: Int) -> IPAddress {
        F.address("10.0.0.\(octet)")
    }

    /// The exports holding these ready endpoints, ordered by service.
    static func exports(_ octets: Set<Int>) -> [ServiceExport] {
        [F.api, F.web].compactMap { key in
            let endpoints = octets.sorted().filter { service($0) == key }.map { ("10.0.0.\($0)", ready: true) }
            return endpoints.isEmpty ? nil : F.headless(key, endpoints)
        }
    }
}
