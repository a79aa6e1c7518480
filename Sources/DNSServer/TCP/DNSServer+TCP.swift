import Logging
import NIOCore
import NIOPosix
import NIOSSL
import ServerTLS

extension DNSServer {
    /// Binds a TCP listening socket; each accepted connection is admitted by `connections` (which
    /// may close the longest-idle one to make room) or closed at once, frames messages with a
    /// 2-byte length under the idle and message clocks, and answers with bounded buffering. With
    /// `tls`, each connection speaks TLS first (DNS over TLS) with the context it holds then.
    func bindTCP(to address: SocketAddress, connections: TCPConnectionRegistry, tls: DNSOverTLS? = nil) async throws -> any Channel {
        let responder = self.responder
        let logger = self.logger
        let configuration = self.configuration
        var bootstrap = ServerBootstrap(group: self.eventLoopGroup)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .serverChannelOption(.backlog, value: Int32(clamping: configuration.tcpBacklog))
            .childChannelOption(.tcpOption(.tcp_nodelay), value: 1)
            .childChannelOption(.allowRemoteHalfClosure, value: true)
            .childChannelOption(
                .writeBufferWaterMark,
                value: ChannelOptions.Types.WriteBufferWaterMark(
                    low: configuration.tcpWriteBufferBytes / 2, high: configuration.tcpWriteBufferBytes)
            )
            .childChannelInitializer { channel in
                guard let activity = connections.admit(channel) else {
                    logger.debug("refusing DNS over TCP connection: per-client limit reached or shutting down")
                    return channel.eventLoop.makeFailedFuture(TCPConnectionRegistry.Refusal())
                }
                return channel.eventLoop.makeCompletedFuture {
                    if let tls {
                        try channel.pipeline.syncOperations.addHandlers(
                            NIOSSLServerHandler(context: tls.context.current), TLSHandshakeObserver(failed: tls.handshakeFailed))
                    }
                    let framer = TCPMessageFramer(
                        idleTimeout: configuration.tcpIdleTimeout, messageTimeout: configuration.tcpMessageTimeout, activity: activity)
                    try channel.pipeline.syncOperations.addHandlers([
                        ByteToMessageHandler(framer, maximumBufferSize: TCPMessageFramer.maxBufferedBytes),
                        TCPQueryHandler(
                            responder: responder, transport: tls == nil ? .tcp : .tls, maxQueries: configuration.tcpMaxQueriesPerConnection,
                            maxInFlight: configuration.tcpMaxQueriesInFlight, activity: activity, logger: logger),
                    ])
                }
            }
        if case .v6 = address {
            bootstrap = bootstrap.serverChannelOption(.ipv6Only, value: 1)
        }
        return try await bootstrap.bind(to: address).get()
    }
}
