import NIOCore
import NIOPosix

/// A UDP socket on the loopback address of the server's family, for one exchange.
enum UDPTestClient {
    /// Sends `queries` to `server` in one burst and returns the first `count` datagrams that come back.
    static func exchange(
        _ queries: [ByteBuffer],
        with server: SocketAddress,
        expecting count: Int
    ) async throws -> [ByteBuffer] {
        let channel = try await DatagramBootstrap(group: MultiThreadedEventLoopGroup.transportTests)
            .channelOption(.socketOption(.so_rcvbuf), value: 4 << 20)
            .channelOption(.recvAllocator, value: FixedSizeRecvByteBufferAllocator(capacity: 65536))
            .bind(to: try SocketAddress(ipAddress: server.ipAddress!, port: 0)) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<AddressedEnvelope<ByteBuffer>, AddressedEnvelope<ByteBuffer>>(
                        wrappingChannelSynchronously: channel
                    )
                }
            }
        return try await channel.executeThenClose { inbound, outbound in
            try await outbound.write(contentsOf: queries.map { AddressedEnvelope(remoteAddress: server, data: $0) })
            var responses: [ByteBuffer] = []
            for try await envelope in inbound {
                responses.append(envelope.data)
                if responses.count == count {
                    break
                }
            }
            return responses
        }
    }
}
