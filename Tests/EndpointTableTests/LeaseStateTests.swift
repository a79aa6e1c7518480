import EndpointTable
import Testing

/// The lease states beyond live and stale, on an injected clock: expiry after `expireAfter`
/// stale, and damping of a cluster whose lease keeps lapsing. Each case is a timeline of pushes,
/// heartbeats and ticks of the expiry timer, with the lease state expected after each step.
struct LeaseStateTests {
    /// 10-second leases without grace; expired after 30 s stale; three lapses within 100 s
    /// hold a return for 20 s.
    static let settings = TableSettings(
        leaseDuration: .seconds(10), leaseGrace: .zero, expireAfter: .seconds(30),
        damping: LeaseDamping(lapses: 3, window: .seconds(100), hold: .seconds(20)))

    enum Action: String, Sendable {
        case push, heartbeat, tick
    }

    /// At `second` (on the table's clock), `action`, then the expiry timer; `lease` after it.
    struct Step: Sendable, CustomStringConvertible {
        let second: Int
        let action: Action
        let lease: LeaseState
        var description: String { "\(second) s \(action) → \(lease)" }
    }

    struct Timeline: Sendable, CustomTestStringConvertible {
        let name: String
        let steps: [Step]
        var testDescription: String { name }
    }

    static func step(_ second: Int, _ action: Action, _ lease: LeaseState) -> Step {
        Step(second: second, action: action, lease: lease)
    }

    static let timelines: [Timeline] = [
        Timeline(
            name: "a stale cluster expires after expireAfter, and a renewal brings it back",
            steps: [
                step(0, .push, .live), step(9, .tick, .live), step(10, .tick, .stale), step(39, .tick, .stale), step(40, .tick, .expired),
                step(45, .heartbeat, .live), step(55, .tick, .stale),
            ]),
        Timeline(
            name: "a cluster that comes back after a single lapse is live at once",
            steps: [step(0, .push, .live), step(10, .tick, .stale), step(12, .heartbeat, .live), step(21, .tick, .live)]),
        Timeline(
            name: "the third lapse within the window holds the return until the cluster kept renewing for the hold",
            steps: [
                step(0, .push, .live), step(10, .tick, .stale), step(11, .heartbeat, .live), step(21, .tick, .stale),
                step(22, .heartbeat, .live), step(32, .tick, .stale), step(33, .heartbeat, .stale), step(40, .heartbeat, .stale),
                step(50, .heartbeat, .stale), step(52, .tick, .stale), step(53, .tick, .live), step(60, .heartbeat, .live),
            ]),
        Timeline(
            name: "a held cluster that stops renewing is stale again, and held again when it returns",
            steps: [
                step(0, .push, .live), step(10, .tick, .stale), step(11, .heartbeat, .live), step(21, .tick, .stale),
                step(22, .heartbeat, .live), step(32, .tick, .stale), step(33, .heartbeat, .stale), step(43, .tick, .stale),
                step(45, .heartbeat, .stale), step(54, .heartbeat, .stale), step(64, .heartbeat, .stale), step(65, .tick, .live),
            ]),
        Timeline(
            name: "lapses older than the window do not count",
            steps: [
                step(0, .push, .live), step(10, .tick, .stale), step(11, .heartbeat, .live), step(21, .tick, .stale),
                step(22, .heartbeat, .live), step(140, .tick, .expired), step(141, .heartbeat, .live),
            ]),
        Timeline(
            name: "a held cluster does not expire while it renews",
            steps: [
                step(0, .push, .live), step(10, .tick, .stale), step(11, .heartbeat, .live), step(21, .tick, .stale),
                step(22, .heartbeat, .live), step(32, .tick, .stale), step(61, .heartbeat, .stale), step(62, .tick, .stale),
                step(70, .heartbeat, .stale), step(79, .heartbeat, .stale), step(81, .tick, .live),
            ]),
    ]

    @Test(arguments: timelines)
    func leaseStatesFollowTheTimeline(_ timeline: Timeline) throws {
        let fixture = try TableFixture(settings: Self.settings)
        var clock = Duration.zero
        var generation: UInt64 = 0
        for step in timeline.steps {
            fixture.clock.advance(by: .seconds(step.second) - clock)
            clock = .seconds(step.second)
            switch step.action {
            case .push:
                generation += 1
                try fixture.table.apply(.snapshot(F.west, generation: generation, info: ClusterInfo(), exports: []))
            case .heartbeat:
                try fixture.table.apply(.heartbeat(F.west))
            case .tick:
                break
            }
            let lease = fixture.table.advance().clusters[F.west]?.lease
            #expect(lease == step.lease, "\(step)")
        }
    }

    @Test func theTimerWakesForEachEvent() throws {
        let fixture = try TableFixture(settings: Self.settings)
        try fixture.table.apply(.snapshot(F.west, generation: 1, info: ClusterInfo(), exports: []))
        #expect(fixture.table.nextDeadline == .seconds(10), "the lapse")
        fixture.clock.advance(by: .seconds(10))
        fixture.table.advance()
        #expect(fixture.table.nextDeadline == .seconds(40), "the expiry")
        for second in [11, 21, 22, 32, 33] {
            fixture.clock.advance(by: .seconds(second) - fixture.clock.now)
            if [11, 22, 33].contains(second) {
                try fixture.table.apply(.heartbeat(F.west))
            }
            fixture.table.advance()
        }
        #expect(fixture.table.snapshot.clusters[F.west]?.heldUntil == .seconds(53))
        #expect(fixture.table.nextDeadline == .seconds(43), "the held cluster's lease runs out before its hold ends")
        fixture.clock.advance(by: .seconds(9))
        try fixture.table.apply(.heartbeat(F.west))
        #expect(fixture.table.nextDeadline == .seconds(52))
    }

    @Test func withoutDampingOrExpiryOnlyLapsesHappen() throws {
        let fixture = try TableFixture(settings: TableSettings(leaseDuration: .seconds(10), leaseGrace: .zero))
        for round in 0..<5 {
            try fixture.table.apply(.heartbeatOrSnapshot(F.west, round: round))
            #expect(fixture.table.snapshot.clusters[F.west]?.lease == .live)
            fixture.clock.advance(by: .seconds(11))
            #expect(fixture.table.advance().clusters[F.west]?.lease == .stale)
            #expect(fixture.table.snapshot.clusters[F.west]?.lapses == [], "no lapse kept without damping")
        }
        fixture.clock.advance(by: .seconds(100_000))
        #expect(fixture.table.advance().clusters[F.west]?.lease == .stale)
        #expect(fixture.table.nextDeadline == nil)
    }
}

extension TableChange {
    /// The first round's snapshot, then heartbeats.
    fileprivate static func heartbeatOrSnapshot(_ cluster: ClusterID, round: Int) -> TableChange {
        round == 0 ? .snapshot(cluster, generation: 1, info: ClusterInfo(), exports: []) : .heartbeat(cluster)
    }
}
