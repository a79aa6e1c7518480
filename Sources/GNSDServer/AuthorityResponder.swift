internal import Authority
internal import DNSServer
internal import NIOCore

/// Connects the transports to the authoritative answer path.
struct AuthorityResponder: DNSResponder {
    let responder: QueryResponder
    /// The bytes of answer copies each UDP worker may keep: its share of the process's budget.
    let cacheBudgetPerWorker: Int

    func respond(
        to query: ByteBuffer, from client: SocketAddress, over transport: DNSTransport, allocator: ByteBufferAllocator
    ) -> ByteBuffer? {
        responder.respond(to: query, from: client, overTCP: transport == .tcp, allocator: allocator)
    }

    func makeDatagramAnswering() -> any DatagramAnswering {
        AuthorityDatagramAnswering(answerer: responder.makeDatagramAnswerer(cacheBudget: cacheBudgetPerWorker))
    }
}

/// Hands one UDP worker's datagrams to its own ``DatagramAnswerer``.
final class AuthorityDatagramAnswering: DatagramAnswering {
    let answerer: DatagramAnswerer

    init(answerer: DatagramAnswerer) {
        self.answerer = answerer
    }

    func respond(
        to query: UnsafeRawBufferPointer, clientAddress: UnsafeRawBufferPointer, clientPort: UInt16,
        into response: UnsafeMutableRawBufferPointer
    ) -> Int? {
        answerer.respond(to: query, clientAddress: clientAddress, into: response)
    }
}
