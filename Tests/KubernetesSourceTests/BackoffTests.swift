@testable import KubernetesSource
import SeededRandom
import Testing

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
}
