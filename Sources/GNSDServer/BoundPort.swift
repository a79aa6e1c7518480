import Synchronization

/// The port a listener bound to, announced once known, or the reason it never will be; waiters
/// before then are resumed together.
final class BoundPort: Sendable {
    private struct State {
        var outcome: Result<Int, any Error>?
        var waiters: [CheckedContinuation<Int, any Error>] = []
    }

    private let state = Mutex(State())

    /// Records the outcome (only the first one counts) and wakes everyone waiting for it.
    func announce(_ outcome: Result<Int, any Error>) {
        let waiters = state.withLock { state -> [CheckedContinuation<Int, any Error>] in
            guard state.outcome == nil else { return [] }
            state.outcome = outcome
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters {
            waiter.resume(with: outcome)
        }
    }

    /// True once the port is known.
    var isBound: Bool {
        state.withLock { state in
            if case .success = state.outcome { return true }
            return false
        }
    }

    /// The bound port, waiting until it is announced; throws when binding failed or the server stopped first.
    func wait() async throws -> Int {
        try await withCheckedThrowingContinuation { continuation in
            let outcome = state.withLock { state -> Result<Int, any Error>? in
                if state.outcome == nil {
                    state.waiters.append(continuation)
                }
                return state.outcome
            }
            if let outcome {
                continuation.resume(with: outcome)
            }
        }
    }
}
