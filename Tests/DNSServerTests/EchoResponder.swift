import DNSServer
import Foundation
import NIOCore

/// Answers every message with a transport marker followed by the message itself, drops `drop`,
/// and answers `slow` only after blocking its event loop for ``slowDelay``.
struct EchoResponder: DNSResponder {
    static let dropQuery = "drop"
    static let slowQuery = "slow"
    static let slowDelay = 0.2
    /// A query answered as a stream of two echoes, worked out for ``streamDelay`` seconds.
    static let streamedQuery = "stream"
    static let streamDelay = 0.6
    static let udpMarker = "U"
    static let tcpMarker = "T"
    static let tlsMarker = "S"

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
        case .tls: response.writeString(Self.tlsMarker)
        }
        response.writeImmutableBuffer(query)
        return response
    }

    func makeDatagramAnswering() -> any DatagramAnswering {
        EchoDatagrams(responder: self)
    }

    func streamedResponse(to query: ByteBuffer, from client: SocketAddress, over transport: DNSTransport) -> StreamedResponse? {
        guard query.readableBytesView.elementsEqual(Self.streamedQuery.utf8) else { return nil }
        return {
            Thread.sleep(forTimeInterval: Self.streamDelay)
            let echo = Self.expectedResponse(to: ByteBuffer(string: Self.streamedQuery), over: transport)
            return [echo, echo]
        }
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

/// Answers a UDP worker's datagrams through ``EchoResponder/respond(to:from:over:allocator:)``.
final class EchoDatagrams: DatagramAnswering {
    private let responder: EchoResponder

    init(responder: EchoResponder) {
        self.responder = responder
    }

    func respond(
        to query: UnsafeRawBufferPointer, clientAddress: UnsafeRawBufferPointer, clientPort: UInt16,
        into response: UnsafeMutableRawBufferPointer
    ) -> Int? {
        guard let client = try? SocketAddress(packedIPAddress: ByteBuffer(bytes: clientAddress), port: Int(clientPort)),
            let answer = responder.respond(to: ByteBuffer(bytes: query), from: client, over: .udp, allocator: ByteBufferAllocator()),
            answer.readableBytes <= response.count
        else { return nil }
        return answer.withUnsafeReadableBytes { bytes in
            response.copyMemory(from: bytes)
            return bytes.count
        }
    }
}
