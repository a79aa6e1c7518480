/// Answers the UDP queries one worker thread receives; it is only ever called from that thread,
/// so it may keep state (caches, scratch buffers) without locks.
///
/// ```swift
/// final class Refuser: DatagramAnswering {
///     func respond(to query: UnsafeRawBufferPointer, clientAddress: UnsafeRawBufferPointer, clientPort: UInt16,
///                  into response: UnsafeMutableRawBufferPointer) -> Int? { nil }
/// }
/// ```
public protocol DatagramAnswering: AnyObject {
    /// Writes the response to `query` into `response` and returns its length, or `nil` when no
    /// reply must be sent.
    ///
    /// - Parameters:
    ///   - query: One datagram as received.
    ///   - clientAddress: The sender's IP address, 4 or 16 bytes in network order.
    ///   - clientPort: The sender's port.
    ///   - response: Room for the largest datagram (``DNSServerConfiguration/maxUDPMessageSize``).
    func respond(
        to query: UnsafeRawBufferPointer, clientAddress: UnsafeRawBufferPointer, clientPort: UInt16,
        into response: UnsafeMutableRawBufferPointer
    ) -> Int?
}
