import DNSServer
import Logging
import NIOCore
import NIOPosix
import Synchronization

/// The loopback addresses the tests listen on, with an ephemeral port.
enum Loopback: String, CaseIterable, Sendable, CustomStringConvertible {
    case v4 = "127.0.0.1"
    case v6 = "::1"

    var address: SocketAddress {
        try! SocketAddress(ipAddress: self.rawValue, port: 0)
    }

    var description: String { self.rawValue }
}

struct TimeoutError: Error {}

/// Runs `body`, throwing ``TimeoutError`` when it takes longer than `limit`; `body` is then
/// cancelled but not waited for, so a hang fails the test instead of stalling the run.
@discardableResult
func withTimeout<T: Sendable>(
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
            if outcome.resume(with: .failure(TimeoutError())) {
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

extension Logger {
    static let silent = Logger(label: "gnsd.dns-server-tests", factory: { _ in SwiftLogNoOpLogHandler() })
}

/// Runs a server on the loopback addresses with ephemeral ports while `body` runs with its bound addresses,
/// then cancels it; the whole is bounded by two seconds.
@discardableResult
func withDNSServer<T: Sendable>(
    on loopbacks: [Loopback] = [.v4],
    configure: @escaping @Sendable (inout DNSServerConfiguration) -> Void = { _ in },
    _ body: @escaping @Sendable ([SocketAddress]) async throws -> T
) async throws -> T {
    try await withTimeout {
        var configuration = DNSServerConfiguration(listen: loopbacks.map(\.address))
        configure(&configuration)
        let server = DNSServer(
            configuration: configuration,
            responder: EchoResponder(),
            eventLoopGroup: MultiThreadedEventLoopGroup.singleton,
            logger: .silent
        )
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run() }
            defer { group.cancelAll() }
            return try await body(try await server.listeningAddresses())
        }
    }
}
