import Synchronization

/// Runs `body`, throwing ``TimeoutError`` when it takes longer than `limit`; `body` is then
/// cancelled but not waited for, so a hang fails the test instead of stalling the run.
@discardableResult
public func withTimeout<T: Sendable>(
    _ limit: Duration = .seconds(10),
    _ body: @escaping @Sendable () async throws -> T
) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let outcome = FirstOutcome(continuation)
        let work = Task {
            do {
                outcome.resume(with: .success(try await body()))
            } catch {
                outcome.resume(with: .failure(error))
            }
        }
        Task {
            try? await Task.sleep(for: limit)
            if outcome.resume(with: .failure(TimeoutError("not done within \(limit)"))) {
                work.cancel()
            }
        }
    }
}

/// A continuation resumed by whichever of several tasks finishes first.
private final class FirstOutcome<T: Sendable>: Sendable {
    private let continuation: Mutex<CheckedContinuation<T, any Error>?>

    init(_ continuation: CheckedContinuation<T, any Error>) {
        self.continuation = Mutex(continuation)
    }

    /// Resumes the continuation unless another outcome came first; returns whether this one did.
    @discardableResult
    func resume(with result: Result<T, any Error>) -> Bool {
        guard let continuation = self.continuation.withLock({ $0.take() }) else {
            return false
        }
        continuation.resume(with: result)
        return true
    }
}
