import Synchronization
import TestKit
import Testing

/// Polling: the first value that comes, `nil` once the time is up, and at least one try.
struct EventuallyTests {
    @Test func returnsTheFirstValue() async throws {
        let calls = Mutex(0)
        let value = try await eventuallyValue(within: .seconds(10), every: .milliseconds(1)) { () -> Int? in
            let call = calls.withLock { calls in
                calls += 1
                return calls
            }
            return call == 3 ? call : nil
        }
        #expect(value == 3)
    }

    @Test func givesUpOnceTheTimeIsUp() async throws {
        let start = ContinuousClock.now
        #expect(try await !eventually(within: .milliseconds(100), every: .milliseconds(10)) { false })
        #expect(ContinuousClock.now - start >= .milliseconds(100))
    }

    @Test func triesOnceEvenWithNoTime() async throws {
        #expect(try await eventually(within: .zero) { true })
    }
}
