import NIOCore
import Synchronization

/// The addresses a server listens on: published once when binding ends, awaited by any number of callers.
final class ListeningAddresses: Sendable {
    private struct State {
        var outcome: Result<[SocketAddress], any Error>?
        var waiters: [UInt64: CheckedContinuation<[SocketAddress], any Error>] = [:]
        var nextWaiterID: UInt64 = 0
    }

    private let state = Mutex(State())

    /// Records the outcome of binding and wakes every waiter; only the first outcome counts.
    func publish(_ outcome: Result<[SocketAddress], any Error>) {
        let waiters = self.state.withLock { state -> [CheckedContinuation<[SocketAddress], any Error>] in
            guard state.outcome == nil else {
                return []
            }
            state.outcome = outcome
            defer { state.waiters = [:] }
            return Array(state.waiters.values)
        }
        for waiter in waiters {
            waiter.resume(with: outcome)
        }
    }

    /// Returns the bound addresses, waiting until they are published; throws the bind error or on cancellation.
    func wait() async throws -> [SocketAddress] {
        let id = self.state.withLock { state in
            defer { state.nextWaiterID += 1 }
            return state.nextWaiterID
        }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let ready = self.state.withLock { state -> Result<[SocketAddress], any Error>? in
                    if let outcome = state.outcome {
                        return outcome
                    }
                    if Task.isCancelled {
                        return .failure(CancellationError())
                    }
                    state.waiters[id] = continuation
                    return nil
                }
                if let ready {
                    continuation.resume(with: ready)
                }
            }
        } onCancel: {
            self.state.withLock { $0.waiters.removeValue(forKey: id) }?.resume(throwing: CancellationError())
        }
    }
}
