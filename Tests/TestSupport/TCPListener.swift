import NIOCore
import NIOPosix

/// A TCP port listening on 127.0.0.1 (an ephemeral port) for health checks to find: it accepts
/// each connection and hangs up at once, or, with `answering` false, keeps it open and silent.
public final class TCPListener: Sendable {
    public let port: Int
    private let channel: any Channel

    private init(channel: any Channel) {
        self.channel = channel
        port = channel.localAddress?.port ?? 0
    }

    /// Starts listening.
    public static func start(answering: Bool = true) async throws -> TCPListener {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { child in answering ? child.close() : child.eventLoop.makeSucceededVoidFuture() }
            .bind(host: "127.0.0.1", port: 0).get()
        return TCPListener(channel: channel)
    }

    /// Stops listening: connections to the port are refused from now on.
    public func close() async {
        try? await channel.close()
    }
}
