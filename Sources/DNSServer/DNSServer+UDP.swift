import NIOCore
import NIOPosix

extension DNSServer {
    /// Binds a UDP socket answering every datagram through the responder.
    ///
    /// One vector read takes up to `udpVectorReadCount` datagrams into one receive buffer split
    /// in equal slots, so that buffer is sized to hold that many datagrams of the largest size.
    func bindUDP(to address: SocketAddress) async throws -> any Channel {
        let responder = self.responder
        let logger = self.logger
        let receiveBufferSize = self.configuration.udpVectorReadCount * self.configuration.maxUDPMessageSize
        var bootstrap = DatagramBootstrap(group: self.eventLoopGroup)
            .channelOption(.socketOption(.so_reuseaddr), value: 1)
            .channelOption(
                .socketOption(.so_rcvbuf),
                value: SocketOptionValue(clamping: self.configuration.udpReceiveBufferSize)
            )
            .channelOption(.datagramVectorReadMessageCount, value: self.configuration.udpVectorReadCount)
            .channelOption(.recvAllocator, value: FixedSizeRecvByteBufferAllocator(capacity: receiveBufferSize))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(
                        UDPQueryHandler(responder: responder, logger: logger)
                    )
                }
            }
        if case .v6 = address {
            bootstrap = bootstrap.channelOption(.ipv6Only, value: 1)
        }
        let channel = try await bootstrap.bind(to: address).get()
        await self.reportCappedReceiveBuffer(of: channel)
        return channel
    }

    /// Logs when the kernel granted a smaller `SO_RCVBUF` than configured (on Linux, past `net.core.rmem_max`).
    private func reportCappedReceiveBuffer(of channel: any Channel) async {
        guard let granted = try? await channel.getOption(.socketOption(.so_rcvbuf)).get() else {
            return
        }
        if Int(granted) < self.configuration.udpReceiveBufferSize {
            self.logger.notice(
                "UDP receive buffer smaller than configured; raise the kernel limit to absorb bursts",
                metadata: [
                    "configured": "\(self.configuration.udpReceiveBufferSize)",
                    "granted": "\(granted)",
                ]
            )
        }
    }
}
