internal import Authority
internal import DNSServer
internal import NIOCore
internal import ZoneTransfer

/// The answer path behind the transports' one seam: zone transfers over TCP and TLS through the
/// ``ZoneTransferResponder``, every other TCP and TLS message through the ``QueryResponder``'s
/// full path, UDP datagrams through a ``DatagramAnswerer`` per worker thread.
struct ServingResponder: DNSResponder {
    let queries: QueryResponder
    let transfers: ZoneTransferResponder

    /// A query signed with TSIG, such as a secondary's SOA check, gets a signed response.
    func respond(to query: ByteBuffer, from client: SocketAddress, over transport: DNSTransport, allocator: ByteBufferAllocator) -> ByteBuffer? {
        let answer = { (query: ByteBuffer) in
            queries.respond(to: query, from: client, overTCP: transport != .udp, encrypted: transport == .tls, allocator: allocator)
        }
        if query.withUnsafeReadableBytes(ZoneTransferResponder.mayBeSigned),
            let signed = transfers.signedResponse(to: query, from: client.addressBytes, answer: answer)
        {
            return signed
        }
        return answer(query)
    }

    /// AXFR and IXFR over TCP and TLS (RFC 9103: XoT); over UDP they stay NOTIMP.
    func streamedResponse(to query: ByteBuffer, from client: SocketAddress, over transport: DNSTransport) -> StreamedResponse? {
        guard transport != .udp, ZoneTransferResponder.isTransferRequest(query) else { return nil }
        let transfers = transfers
        let address = client.addressBytes
        return { transfers.respond(to: query, from: address) }
    }

    func makeDatagramAnswering() -> any DatagramAnswering {
        SigningDatagramAnswerer(answerer: queries.makeDatagramAnswerer(), queries: queries, transfers: transfers)
    }
}

/// A UDP worker's answerer: a query signed with TSIG (a secondary's SOA check) is checked,
/// answered on the full path and signed; every other query goes straight to the worker's
/// ``DatagramAnswerer``, the client port playing no part in an answer.
final class SigningDatagramAnswerer: DatagramAnswering {
    private let answerer: DatagramAnswerer
    private let queries: QueryResponder
    private let transfers: ZoneTransferResponder

    init(answerer: DatagramAnswerer, queries: QueryResponder, transfers: ZoneTransferResponder) {
        self.answerer = answerer
        self.queries = queries
        self.transfers = transfers
    }

    func respond(
        to query: UnsafeRawBufferPointer, clientAddress: UnsafeRawBufferPointer, clientPort: UInt16,
        into response: UnsafeMutableRawBufferPointer
    ) -> Int? {
        guard ZoneTransferResponder.mayBeSigned(query) else {
            return answerer.respond(to: query, clientAddress: clientAddress, into: response)
        }
        let address = Array(clientAddress)
        let signed = transfers.signedResponse(to: ByteBuffer(bytes: query), from: address) { unsigned in
            queries.respond(to: unsigned, clientAddress: address, overTCP: false)
        }
        guard let signed else {
            return answerer.respond(to: query, clientAddress: clientAddress, into: response)
        }
        guard signed.readableBytes <= response.count else { return nil }
        return signed.withUnsafeReadableBytes { bytes in
            response.copyMemory(from: bytes)
            return bytes.count
        }
    }
}
