public import NIOCore

/// The one seam between the transports and what answers: turns one DNS query message into one
/// response message.
///
/// The transports call it synchronously for every message they receive (TCP on an event loop
/// through ``respond(to:from:over:allocator:)``, UDP on a worker thread through the
/// ``DatagramAnswering`` that ``makeDatagramAnswering()`` made for it), so an implementation must
/// not block: it answers from data it already holds.
///
/// ```swift
/// struct Refuser: DNSResponder {
///     func respond(to query: ByteBuffer, from client: SocketAddress, over transport: DNSTransport,
///                  allocator: ByteBufferAllocator) -> ByteBuffer? { nil }
///     func makeDatagramAnswering() -> any DatagramAnswering { RefusingDatagrams() }
/// }
/// ```
public protocol DNSResponder: Sendable {
    /// Returns the response bytes, or nil when no reply must be sent (the message is dropped).
    ///
    /// - Parameters:
    ///   - query: One whole DNS message as received, without the TCP length prefix.
    ///   - client: The address the message came from.
    ///   - transport: The transport the message arrived on.
    ///   - allocator: The allocator to build the response with.
    func respond(
        to query: ByteBuffer,
        from client: SocketAddress,
        over transport: DNSTransport,
        allocator: ByteBufferAllocator
    ) -> ByteBuffer?

    /// The work for a query answered with several messages worked out away from the event loop,
    /// on NIO's thread pool (a zone transfer over TCP or TLS), or `nil` for every other query,
    /// which ``respond(to:from:over:allocator:)`` answers. The connection sends the messages in
    /// order and answers its next query after them.
    func streamedResponse(to query: ByteBuffer, from client: SocketAddress, over transport: DNSTransport) -> StreamedResponse?

    /// An answerer for one UDP worker thread, called for every datagram it receives.
    func makeDatagramAnswering() -> any DatagramAnswering
}

/// Builds the messages answering one query, on a thread of NIO's pool, off the event loops.
public typealias StreamedResponse = @Sendable () -> [ByteBuffer]

extension DNSResponder {
    /// A responder without multi-message answers answers every query in one message.
    public func streamedResponse(to query: ByteBuffer, from client: SocketAddress, over transport: DNSTransport) -> StreamedResponse? {
        nil
    }
}
