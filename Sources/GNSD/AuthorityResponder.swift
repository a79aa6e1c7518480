internal import Authority
internal import DNSServer
internal import NIOCore

/// Connects the transports to the authoritative answer path.
struct AuthorityResponder: DNSResponder {
    let responder: QueryResponder

    func respond(
        to query: ByteBuffer, from client: SocketAddress, over transport: DNSTransport, allocator: ByteBufferAllocator
    ) -> ByteBuffer? {
        responder.respond(to: query, from: client, overTCP: transport == .tcp, allocator: allocator)
    }
}
