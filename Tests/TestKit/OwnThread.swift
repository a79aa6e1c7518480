import Foundation

/// Runs `body` on a thread of its own and waits for it without holding a thread of Swift's
/// shared pool, which has one thread per core: for blocking work such as socket calls that wait,
/// so that tests running beside it (and the servers they start in-process) keep their threads.
///
///     let crowd = try await onOwnThread { HalfOpenConnections(count: 1100, port: port, sending: head) }
public func onOwnThread<Value: Sendable>(_ body: @escaping @Sendable () throws -> Value) async throws -> Value {
    try await withCheckedThrowingContinuation { continuation in
        Thread.detachNewThread {
            continuation.resume(with: Result { try body() })
        }
    }
}
