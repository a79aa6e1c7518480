import Logging
import NIOCore
import NIOPosix

extension DNSServer {
    /// Binds a TCP listening socket; each accepted connection is admitted by `connections` or
    /// closed at once, frames messages with a 2-byte length and closes after `tcpIdleTimeout` without reads.
    func bindTCP(to address: SocketAddress, connections: TCPConnectionRegistry) async throws -> any Channel {
        let responder = self.responder
        let logger = self.logger
        let idleTimeout = self.configuration.tcpIdleTimeout
        let maxQueries = self.configuration.tcpMaxQueriesPerConnection
        var bootstrap = ServerBootstrap(group: self.eventLoopGroup)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .serverChannelOption(.backlog, value: Int32(clamping: self.configuration.tcpBacklog))
            .childChannelOption(.tcpOption(.tcp_nodelay), value: 1)
            .childChannelOption(.allowRemoteHalfClosure, value: true)
            .childChannelInitializer { channel in
                guard connections.admit(channel) else {
                    logger.debug("refusing DNS over TCP connection: connection limit reached or shutting down")
                    return channel.eventLoop.makeFailedFuture(TCPConnectionRegistry.Refusal())
                }
                return channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandlers([
                        IdleStateHandler(readTimeout: idleTimeout),
                        ByteToMessageHandler(TCPMessageFramer()),
                        TCPQueryHandler(responder: responder, maxQueries: maxQueries, logger: logger),
                    ])
                }
            }
        if case .v6 = address {
            bootstrap = bootstrap.serverChannelOption(.ipv6Only, value: 1)
        }
        return try await bootstrap.bind(to: address).get()
    }
}
