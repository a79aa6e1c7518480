internal import DNSServer
internal import NIOCore
internal import QueryLog

/// Puts every query and its response into the query log on the way out: a ``DNSResponder`` around
/// the one that answers. Only installed when a query log is on, so the answer path without one
/// is the same as before.
struct QueryLoggingResponder: DNSResponder {
    let answering: any DNSResponder
    let log: QueryLog

    func respond(to query: ByteBuffer, from client: SocketAddress, over transport: DNSTransport, allocator: ByteBufferAllocator) -> ByteBuffer? {
        let queryTime = WallTime.now
        let response = answering.respond(to: query, from: client, over: transport, allocator: allocator)
        capture(query, response: response, from: client, over: transport, queryTime: queryTime)
        return response
    }

    /// A zone transfer is logged as its query, when it starts; its messages are not. So is a
    /// query left unanswered (dropped by rate limiting, or not worth a reply).
    func streamedResponse(to query: ByteBuffer, from client: SocketAddress, over transport: DNSTransport) -> StreamedResponse? {
        guard let streamed = answering.streamedResponse(to: query, from: client, over: transport) else { return nil }
        capture(query, response: nil, from: client, over: transport, queryTime: WallTime.now)
        return streamed
    }

    func makeDatagramAnswering() -> any DatagramAnswering {
        LoggingDatagramAnswerer(answering: answering.makeDatagramAnswering(), log: log)
    }

    private func capture(_ query: ByteBuffer, response: ByteBuffer?, from client: SocketAddress, over transport: DNSTransport, queryTime: WallTime) {
        let address = client.addressBytes
        query.withUnsafeReadableBytes { queryBytes in
            address.withUnsafeBytes { addressBytes in
                let capture = { (responseBytes: UnsafeRawBufferPointer?) in
                    log.capture(
                        query: queryBytes, response: responseBytes, clientAddress: addressBytes, clientPort: UInt16(client.port ?? 0),
                        transport: transport == .tls ? .tls : .tcp, queryTime: queryTime, sampled: log.nextSharedSample())
                }
                if let response {
                    response.withUnsafeReadableBytes { capture($0) }
                } else {
                    capture(nil)
                }
            }
        }
    }
}

/// One UDP worker's answerer with its query log capture; it samples the text log with a counter
/// of its own, as it runs on one thread.
final class LoggingDatagramAnswerer: DatagramAnswering {
    private let answering: any DatagramAnswering
    private let log: QueryLog
    private var sampler: QuerySampler

    init(answering: any DatagramAnswering, log: QueryLog) {
        self.answering = answering
        self.log = log
        sampler = log.makeSampler()
    }

    func respond(
        to query: UnsafeRawBufferPointer, clientAddress: UnsafeRawBufferPointer, clientPort: UInt16,
        into response: UnsafeMutableRawBufferPointer
    ) -> Int? {
        let queryTime = WallTime.now
        let length = answering.respond(to: query, clientAddress: clientAddress, clientPort: clientPort, into: response)
        log.capture(
            query: query, response: length.map { UnsafeRawBufferPointer(rebasing: response[..<$0]) }, clientAddress: clientAddress,
            clientPort: clientPort, transport: .udp, queryTime: queryTime, sampled: sampler.next())
        return length
    }
}
