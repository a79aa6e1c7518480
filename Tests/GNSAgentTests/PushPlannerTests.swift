import EndpointTable
import KubernetesSource
import SeededRandom
import Testing

@testable import GNSAgent

/// The push state machine: snapshot first, deltas after, coalescing, heartbeats, refusals and backoff,
/// driven by hand with an explicit clock.
struct PushPlannerTests {
    typealias F = AgentFixtures
    static let web1 = F.export(F.web, [("10.1.0.1", ready: true)])
    static let web2 = F.export(F.web, [("10.1.0.1", ready: false)])
    static let web3 = F.export(F.web, [("10.1.0.1", ready: true), ("10.1.0.2", ready: true)])
    static let api = F.export(F.api, serviceIP: "10.96.0.2", [("10.1.0.9", ready: true)])
    static let db = F.export(F.db, serviceIP: "10.96.0.3", [("10.1.0.7", ready: true)])

    static let backoff = Backoff(initial: .milliseconds(500), maximum: .seconds(5))

    /// A planner with a 3 s heartbeat that has not been given a state yet.
    static func fresh() -> PushPlanner {
        PushPlanner(heartbeat: .seconds(3), backoff: backoff)
    }

    /// A planner whose replica accepted `exports` as generation 1 at time 0.
    static func synced(_ exports: [ServiceExport], random: inout SplitMix64) -> PushPlanner {
        var planner = fresh()
        planner.receive(exports, resync: true)
        _ = planner.next(now: .zero)
        planner.complete(.accepted(generation: 1), now: .zero, random: &random)
        return planner
    }

    @Test func heldWithdrawalsAreConfirmedOnceTheSourceKeepsTheStateForTheConfirmationTime() {
        var random = SplitMix64(seed: 7)
        var planner = PushPlanner(heartbeat: .seconds(3), backoff: Self.backoff, confirmWithdrawalsAfter: .seconds(10))
        planner.receive([Self.web1, Self.api], resync: true)
        _ = planner.next(now: .zero)
        planner.complete(.accepted(generation: 1), now: .zero, random: &random)
        planner.receive([Self.web1], resync: false)
        #expect(planner.next(now: .seconds(1)) == .delta(baseGeneration: 1, generation: 2, ExportDelta(upsert: [], remove: [F.api])))
        planner.complete(.accepted(generation: 2, withdrawalsHeld: true), now: .seconds(1), random: &random)
        #expect(planner.next(now: .seconds(2)) == .wait(until: .seconds(4)), "a heartbeat first")
        _ = planner.next(now: .seconds(4))
        planner.complete(.accepted(generation: 2, withdrawalsHeld: true), now: .seconds(4), random: &random)
        #expect(planner.next(now: .seconds(5)) == .wait(until: .seconds(7)))
        _ = planner.next(now: .seconds(10))
        planner.complete(.accepted(generation: 2, withdrawalsHeld: true), now: .seconds(10), random: &random)
        #expect(planner.next(now: .seconds(10.5)) == .wait(until: .seconds(11)), "the confirmation is due before the next heartbeat")
        #expect(planner.next(now: .seconds(11)) == .snapshot(generation: 3, exports: [Self.web1], intended: true))
        planner.complete(.accepted(generation: 3), now: .seconds(11), random: &random)
        #expect(planner.next(now: .seconds(12)) == .wait(until: .seconds(14)), "confirmed: heartbeats only")
    }

    @Test func aStateThatChangesAgainRestartsTheConfirmationAndWithoutItNothingIsConfirmed() {
        var random = SplitMix64(seed: 7)
        var planner = PushPlanner(heartbeat: .seconds(30), backoff: Self.backoff, confirmWithdrawalsAfter: .seconds(10))
        planner.receive([Self.web1, Self.api], resync: true)
        _ = planner.next(now: .zero)
        planner.complete(.accepted(generation: 1, withdrawalsHeld: true), now: .zero, random: &random)
        planner.receive([Self.web1], resync: false)
        _ = planner.next(now: .seconds(8))
        planner.complete(.accepted(generation: 2, withdrawalsHeld: true), now: .seconds(8), random: &random)
        #expect(planner.next(now: .seconds(10)) == .wait(until: .seconds(18)))
        planner.receive([Self.web1, Self.api], resync: false)
        _ = planner.next(now: .seconds(12))
        planner.complete(.accepted(generation: 3), now: .seconds(12), random: &random)
        #expect(planner.next(now: .seconds(20)) == .wait(until: .seconds(42)), "nothing held: nothing to confirm")

        var unconfirming = Self.synced([Self.web1, Self.api], random: &random)
        unconfirming.receive([Self.web1], resync: false)
        _ = unconfirming.next(now: .seconds(1))
        unconfirming.complete(.accepted(generation: 2, withdrawalsHeld: true), now: .seconds(1), random: &random)
        #expect(unconfirming.next(now: .seconds(2)) == .wait(until: .seconds(4)))
    }

    @Test func waitsForTheFirstState() {
        var planner = Self.fresh()
        #expect(planner.next(now: .zero) == .wait(until: nil))
        #expect(planner.next(now: .seconds(60)) == .wait(until: nil), "no heartbeat before anything was pushed")
    }

    @Test func snapshotFirstThenDeltasOfWhatChanged() {
        var planner = Self.fresh()
        var random = SplitMix64(seed: 7)
        planner.receive([Self.web1, Self.api], resync: true)
        #expect(planner.next(now: .zero) == .snapshot(generation: 1, exports: [Self.api, Self.web1]))
        planner.complete(.accepted(generation: 1), now: .zero, random: &random)

        planner.receive([Self.web2, Self.db], resync: false)
        #expect(
            planner.next(now: .seconds(1))
                == .delta(baseGeneration: 1, generation: 2, ExportDelta(upsert: [Self.db, Self.web2], remove: [F.api])))
        planner.complete(.accepted(generation: 2), now: .seconds(1), random: &random)

        planner.receive([Self.db, Self.web2], resync: false)
        #expect(planner.next(now: .seconds(2)) == .wait(until: .seconds(4)), "the same state again sends nothing")
        #expect(planner.generation == 2)
    }

    @Test func statesArrivingDuringAPushAreCoalescedToTheNewest() {
        var random = SplitMix64(seed: 7)
        var planner = Self.synced([Self.web1], random: &random)
        planner.receive([Self.web2], resync: false)
        #expect(planner.next(now: .seconds(1)) == .delta(baseGeneration: 1, generation: 2, ExportDelta(upsert: [Self.web2], remove: [])))
        planner.receive([Self.web3], resync: false)
        planner.receive([Self.web1, Self.api], resync: false)
        planner.receive([Self.web3, Self.db], resync: false)
        planner.complete(.accepted(generation: 2), now: .seconds(1), random: &random)

        #expect(
            planner.next(now: .seconds(1))
                == .delta(baseGeneration: 2, generation: 3, ExportDelta(upsert: [Self.db, Self.web3], remove: [])))
    }

    @Test func aResyncDuringAPushIsKept() {
        var random = SplitMix64(seed: 7)
        var planner = Self.synced([Self.web1], random: &random)
        planner.receive([Self.web2], resync: false)
        _ = planner.next(now: .seconds(1))
        planner.receive([Self.web2], resync: true)
        planner.complete(.accepted(generation: 2), now: .seconds(1), random: &random)

        #expect(planner.next(now: .seconds(1)) == .snapshot(generation: 3, exports: [Self.web2]))
    }

    @Test func heartbeatsFollowTheLastAcceptedRequest() {
        var random = SplitMix64(seed: 7)
        var planner = Self.synced([Self.web1], random: &random)
        #expect(planner.next(now: .seconds(1)) == .wait(until: .seconds(3)))
        #expect(planner.next(now: .seconds(3)) == .heartbeat)
        planner.complete(.accepted(generation: 1), now: .milliseconds(3200), random: &random)
        #expect(planner.next(now: .milliseconds(3200)) == .wait(until: .milliseconds(6200)))

        planner.receive([Self.web2], resync: false)
        _ = planner.next(now: .seconds(5))
        planner.complete(.accepted(generation: 2), now: .seconds(5), random: &random)
        #expect(planner.next(now: .seconds(6)) == .wait(until: .seconds(8)), "a delta renews the lease too")
    }

    @Test func staleGenerationResyncsAboveTheReplicasGeneration() {
        var planner = Self.fresh()
        var random = SplitMix64(seed: 7)
        planner.receive([Self.web1], resync: true)
        #expect(planner.next(now: .zero) == .snapshot(generation: 1, exports: [Self.web1]))
        planner.complete(.conflict(currentGeneration: 7), now: .zero, random: &random)
        #expect(planner.next(now: .zero) == .snapshot(generation: 8, exports: [Self.web1]), "at once after the first refusal")
        planner.complete(.accepted(generation: 8), now: .zero, random: &random)

        planner.receive([Self.web2], resync: false)
        #expect(planner.next(now: .seconds(1)) == .delta(baseGeneration: 8, generation: 9, ExportDelta(upsert: [Self.web2], remove: [])))
        planner.complete(.conflict(currentGeneration: 12), now: .seconds(1), random: &random)
        #expect(planner.next(now: .seconds(1)) == .snapshot(generation: 13, exports: [Self.web2]), "generation mismatch on a delta")
    }

    @Test func repeatedRefusalsBackOff() {
        var planner = Self.fresh()
        var random = SplitMix64(seed: 7)
        planner.receive([Self.web1], resync: true)
        _ = planner.next(now: .zero)
        planner.complete(.conflict(currentGeneration: 3), now: .zero, random: &random)
        _ = planner.next(now: .zero)
        var expected = random
        planner.complete(.conflict(currentGeneration: 4), now: .zero, random: &random)
        let wait = Self.backoff.delay(afterFailures: 1, using: &expected)
        #expect(planner.next(now: .zero) == .wait(until: wait))
        #expect(planner.next(now: wait) == .snapshot(generation: 5, exports: [Self.web1]))
    }

    @Test func unknownClusterGetsASnapshot() {
        var random = SplitMix64(seed: 7)
        var planner = Self.synced([Self.web1], random: &random)
        #expect(planner.next(now: .seconds(3)) == .heartbeat)
        planner.complete(.unknownCluster, now: .seconds(3), random: &random)
        #expect(planner.next(now: .seconds(3)) == .snapshot(generation: 2, exports: [Self.web1]))
    }

    @Test func aHeartbeatSeeingAnotherGenerationResyncs() {
        var random = SplitMix64(seed: 7)
        var planner = Self.synced([Self.web1], random: &random)
        _ = planner.next(now: .seconds(3))
        planner.complete(.accepted(generation: 5), now: .seconds(3), random: &random)
        #expect(planner.next(now: .seconds(3)) == .snapshot(generation: 6, exports: [Self.web1]))
    }

    @Test func aReplicaAtTheHighestGenerationIsReportedOnceThenOnlyRenewed() {
        var random = SplitMix64(seed: 7)
        var planner = Self.synced([Self.web1], random: &random)
        planner.receive([Self.web2], resync: false)
        _ = planner.next(now: .seconds(1))
        planner.complete(.conflict(currentGeneration: .max), now: .seconds(1), random: &random)
        #expect(planner.next(now: .seconds(1)) == .generationExhausted(current: .max))
        #expect(planner.next(now: .seconds(1)) == .wait(until: .seconds(3)), "no snapshot or delta can follow")
        #expect(planner.next(now: .seconds(3)) == .heartbeat)
        planner.complete(.accepted(generation: .max), now: .seconds(3), random: &random)
        #expect(planner.next(now: .seconds(3)) == .wait(until: .seconds(6)), "reported once")
        #expect(planner.next(now: .seconds(6)) == .heartbeat)
        planner.complete(.unknownCluster, now: .seconds(6), random: &random)
        #expect(planner.next(now: .seconds(6)) == .snapshot(generation: 1, exports: [Self.web2]), "a replica that forgot the cluster starts over")
    }

    @Test func generationsGoUpTo2To53() {
        var random = SplitMix64(seed: 7)
        var planner = Self.synced([Self.web1], random: &random)
        _ = planner.next(now: .seconds(3))
        planner.complete(.accepted(generation: (1 << 53) - 1), now: .seconds(3), random: &random)
        #expect(planner.next(now: .seconds(3)) == .snapshot(generation: 1 << 53, exports: [Self.web1]))
        planner.complete(.accepted(generation: 1 << 53), now: .seconds(3), random: &random)
        planner.receive([Self.web2], resync: false)
        #expect(planner.next(now: .seconds(3)) == .generationExhausted(current: 1 << 53))
        #expect(planner.next(now: .seconds(3)) == .wait(until: .seconds(6)))
    }

    @Test func failuresRetryAfterAGrowingJitteredBackoff() {
        var planner = Self.fresh()
        var random = SplitMix64(seed: 7)
        planner.receive([Self.web1], resync: true)
        var expected = random
        let backoff = Self.backoff
        var now = Duration.zero
        for failure in 1...6 {
            #expect(planner.next(now: now) == .snapshot(generation: 1, exports: [Self.web1]), "a failed snapshot is retried as one")
            planner.complete(.failed, now: now, random: &random)
            let wait = backoff.delay(afterFailures: failure, using: &expected)
            #expect(planner.next(now: now) == .wait(until: now + wait))
            #expect(planner.next(now: now + wait - .nanoseconds(1)) == .wait(until: now + wait))
            now += wait
        }
        #expect(planner.next(now: now) == .snapshot(generation: 1, exports: [Self.web1]))
        planner.complete(.accepted(generation: 1), now: now, random: &random)

        planner.receive([Self.web2], resync: false)
        _ = planner.next(now: now)
        planner.complete(.failed, now: now, random: &random)
        planner.receive([Self.web3], resync: false)
        let retry = now + backoff.delay(afterFailures: 1, using: &expected)
        #expect(
            planner.next(now: retry) == .delta(baseGeneration: 1, generation: 2, ExportDelta(upsert: [Self.web3], remove: [])),
            "after a success the backoff starts over; the retry carries the newest state")
    }

    @Test func aFailedHeartbeatIsRetriedAfterTheBackoff() {
        var random = SplitMix64(seed: 7)
        var planner = Self.synced([Self.web1], random: &random)
        _ = planner.next(now: .seconds(3))
        var expected = random
        planner.complete(.failed, now: .seconds(3), random: &random)
        let retry = Duration.seconds(3) + Self.backoff.delay(afterFailures: 1, using: &expected)
        #expect(planner.next(now: .seconds(3)) == .wait(until: retry))
        #expect(planner.next(now: retry) == .heartbeat)
    }
}
