import NIOCore
import NIOPosix

/// A TCP connection to the server that frames queries and unframes responses by hand,
/// so tests control how bytes are split.
struct TCPTestConnection {
    private var inbound: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    private let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    private var received = ByteBuffer()

    /// Connects to `server`, runs `body` with the connection, then closes it.
    static func with<T>(
        _ server: SocketAddress,
        _ body: (inout TCPTestConnection) async throws -> sending T
    ) async throws -> sending T {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.transportTests)
            .connect(to: server) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(
                        wrappingChannelSynchronously: channel,
                        configuration: .init(isOutboundHalfClosureEnabled: true)
                    )
                }
            }
        return try await channel.executeThenClose { inbound, outbound in
            var connection = TCPTestConnection(inbound: inbound.makeAsyncIterator(), outbound: outbound)
            return try await body(&connection)
        }
    }

    /// `message` with its 2-byte length prefix.
    static func framed(_ message: ByteBuffer) -> ByteBuffer {
        var buffer = ByteBuffer()
        buffer.writeInteger(UInt16(message.readableBytes))
        buffer.writeImmutableBuffer(message)
        return buffer
    }

    /// Sends `queries` framed, in one write.
    func send(_ queries: [ByteBuffer]) async throws {
        var bytes = ByteBuffer()
        for query in queries {
            bytes.writeImmutableBuffer(Self.framed(query))
        }
        try await self.sendRaw(bytes)
    }

    /// Sends `bytes` as they are, in one write.
    func sendRaw(_ bytes: ByteBuffer) async throws {
        try await self.outbound.write(bytes)
    }

    /// Half-closes the connection: the server sees the end of the queries.
    func finishSending() {
        self.outbound.finish()
    }

    /// Returns the next framed response, or nil once the server has closed the connection.
    mutating func receive() async throws -> ByteBuffer? {
        while true {
            if let length = self.received.getInteger(at: self.received.readerIndex, as: UInt16.self),
                self.received.readableBytes >= 2 + Int(length)
            {
                self.received.moveReaderIndex(forwardBy: 2)
                return self.received.readSlice(length: Int(length))
            }
            guard var bytes = try await self.inbound.next() else {
                return nil
            }
            self.received.writeBuffer(&bytes)
        }
    }

    /// Returns true when the server closes the connection (or resets it) before sending any byte.
    mutating func isClosedByServer() async -> Bool {
        do {
            return try await self.inbound.next() == nil
        } catch {
            return true
        }
    }
}
