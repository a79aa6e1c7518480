import DNSServer
import Foundation
import NIOCore

/// Answers every message with a transport marker followed by the message itself, drops `drop`,
/// and answers `slow` only after blocking its event loop for ``slowDelay``.
struct EchoResponder: DNSResponder {
    static let dropQuery = "drop"
    static let slowQuery = "slow"
    static let slowDelay = 0.2
    static let udpMarker = "U"
    static let tcpMarker = "T"

    /// Called when the answering of a `slow` query begins.
    var slowQueryStarted: @Sendable () -> Void = {}

    func respond(
        to query: ByteBuffer,
        from client: SocketAddress,
        over transport: DNSTransport,
        allocator: ByteBufferAllocator
    ) -> ByteBuffer? {
        if query.readableBytesView.elementsEqual(Self.dropQuery.utf8) {
            return nil
        }
        if query.readableBytesView.elementsEqual(Self.slowQuery.utf8) {
            self.slowQueryStarted()
            Thread.sleep(forTimeInterval: Self.slowDelay)
        }
        var response = allocator.buffer(capacity: query.readableBytes + 1)
        switch transport {
        case .udp: response.writeString(Self.udpMarker)
        case .tcp: response.writeString(Self.tcpMarker)
        }
        response.writeImmutableBuffer(query)
        return response
    }

    /// The response expected for `query` over `transport`.
    static func expectedResponse(to query: ByteBuffer, over transport: DNSTransport) -> ByteBuffer {
        EchoResponder().respond(
            to: query,
            from: try! SocketAddress(ipAddress: "127.0.0.1", port: 0),
            over: transport,
            allocator: ByteBufferAllocator()
        )!
    }
}
