import SeededRandom
import Testing

@testable import KubernetesSource

/// The retry schedule: doubling from the initial wait, capped, scaled by a jitter factor from 0.5 to 1.
@Suite struct BackoffTests {
    private let backoff = Backoff(initial: .milliseconds(500), maximum: .seconds(30))

    @Test func noFailureNoDelay() {
        var random = SplitMix64(seed: 1)
        #expect(backoff.delay(afterFailures: 0, using: &random) == .zero)
    }

    @Test(arguments: [(1, 500), (2, 1000), (3, 2000), (6, 16000), (7, 30000), (40, 30000), (Int.max, 30000)])
    func delayDoublesUpToTheMaximumWithJitterOfUpToAHalf(failures: Int, fullMilliseconds: Int) {
        var random = SplitMix64(seed: UInt64(failures % 1000))
        let full = Duration.milliseconds(fullMilliseconds)
        let delays = (0..<200).map { _ in backoff.delay(afterFailures: failures, using: &random) }
        #expect(delays.allSatisfy { $0 >= full / 2 && $0 <= full })
        #expect(delays.contains { $0 < full * 0.6 })
        #expect(delays.contains { $0 > full * 0.9 })
    }

    /// A generator that always returns one value.
    struct Constant: RandomNumberGenerator {
        var value: UInt64
        mutating func next() -> UInt64 { value }
    }

    @Test(arguments: [
        (UInt64(0), [250, 500, 1000, 2000, 2500, 2500]),
        (UInt64(1) << 63, [375, 750, 1500, 3000, 3750, 3750]),
    ])
    func scheduleDoublesUpToTheCap(random: UInt64, milliseconds: [Int64]) {
        var generator = Constant(value: random)
        let backoff = Backoff(initial: .milliseconds(500), maximum: .seconds(5))
        let schedule = (1...6).map { backoff.delay(afterFailures: $0, using: &generator) }
        #expect(schedule == milliseconds.map { .milliseconds($0) })
    }

    @Test func seededJitterRepeatsAndStaysWithinBounds() {
        let backoff = Backoff(initial: .milliseconds(200), maximum: .seconds(3))
        var first = SplitMix64(seed: 42)
        var second = SplitMix64(seed: 42)
        let schedule = (1...8).map { backoff.delay(afterFailures: $0, using: &first) }
        #expect(schedule == (1...8).map { backoff.delay(afterFailures: $0, using: &second) })
        let caps: [Duration] = [
            .milliseconds(200), .milliseconds(400), .milliseconds(800), .milliseconds(1600), .seconds(3), .seconds(3), .seconds(3), .seconds(3),
        ]
        for (wait, cap) in zip(schedule, caps) {
            #expect(wait >= cap / 2 && wait <= cap, "\(wait) within [\(cap / 2), \(cap)]")
        }
        #expect(Set(schedule.suffix(4)).count == 4, "jitter spreads the capped waits")
    }
}
