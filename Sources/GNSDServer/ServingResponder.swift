public import Authority
public import DNSServer
public import NIOCore
internal import ZoneTransfer

/// The answer path behind the transports' one seam: zone transfers over TCP and TLS through the
/// ``ZoneTransferResponder``, every other TCP and TLS message through the ``QueryResponder``'s
/// full path, UDP datagrams through a ``DatagramAnswerer`` per worker thread.
struct ServingResponder: DNSResponder {
    let queries: QueryResponder
    let transfers: ZoneTransferResponder

    func respond(to query: ByteBuffer, from client: SocketAddress, over transport: DNSTransport, allocator: ByteBufferAllocator) -> ByteBuffer? {
        queries.respond(to: query, from: client, overTCP: transport != .udp, encrypted: transport == .tls, allocator: allocator)
    }

    /// AXFR and IXFR over TCP and TLS (RFC 9103: XoT); over UDP they stay NOTIMP.
    func streamedResponse(to query: ByteBuffer, from client: SocketAddress, over transport: DNSTransport) -> StreamedResponse? {
        guard transport != .udp, ZoneTransferResponder.isTransferRequest(query) else { return nil }
        let transfers = transfers
        let address = client.addressBytes
        return { transfers.respond(to: query, from: address) }
    }

    func makeDatagramAnswering() -> any DatagramAnswering {
        queries.makeDatagramAnswerer()
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
