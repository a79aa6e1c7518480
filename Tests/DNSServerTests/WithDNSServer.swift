import DNSServer
import Logging
import NIOCore
import NIOPosix
import TestKit

/// Runs a server on the loopback addresses with ephemeral ports while `body` runs with its bound addresses,
/// then cancels it; the whole is bounded by ten seconds (``withTimeout(_:_:)``).
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
            eventLoopGroup: MultiThreadedEventLoopGroup.transportTests,
            logger: .silent
        )
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run() }
            defer { group.cancelAll() }
            return try await body(try await server.listeningAddresses())
        }
    }
}
