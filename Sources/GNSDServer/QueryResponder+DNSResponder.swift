public import Authority
public import DNSServer
public import NIOCore

/// The answer path behind the transports' one seam: TCP and TLS messages through the responder's full
/// path, UDP datagrams through a ``DatagramAnswerer`` per worker thread.
extension QueryResponder: DNSResponder {
    public func respond(
        to query: ByteBuffer, from client: SocketAddress, over transport: DNSTransport, allocator: ByteBufferAllocator
    ) -> ByteBuffer? {
        respond(to: query, from: client, overTCP: transport != .udp, encrypted: transport == .tls, allocator: allocator)
    }

    public func makeDatagramAnswering() -> any DatagramAnswering {
        makeDatagramAnswerer()
    }
}

/// A UDP worker's datagrams go straight to its answerer; the client port plays no part in an answer.
extension DatagramAnswerer: DatagramAnswering {
    public func respond(
        to query: UnsafeRawBufferPointer, clientAddress: UnsafeRawBufferPointer, clientPort: UInt16,
        into response: UnsafeMutableRawBufferPointer
    ) -> Int? {
        respond(to: query, clientAddress: clientAddress, into: response)
    }
}
