public import NIOCore

/// Turns one DNS query message into one response message.
///
/// The transports call it synchronously for every message they receive (TCP on an event loop,
/// UDP on a worker thread through ``makeDatagramAnswering()``), so an implementation must not
/// block: it answers from data it already holds.
///
/// ```swift
/// struct Refuser: DNSResponder {
///     func respond(to query: ByteBuffer, from client: SocketAddress, over transport: DNSTransport,
///                  allocator: ByteBufferAllocator) -> ByteBuffer? { nil }
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

    /// An answerer for one UDP worker thread; by default one that calls
    /// ``respond(to:from:over:allocator:)`` for every datagram.
    func makeDatagramAnswering() -> any DatagramAnswering
}

extension DNSResponder {
    public func makeDatagramAnswering() -> any DatagramAnswering {
        ResponderDatagramAnswering(responder: self)
    }
}
