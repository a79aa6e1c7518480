import NIOCore
import Synchronization

/// One admitted TCP connection as the registry sees it: its channel, its client's address, and
/// when it last completed a message (or opened), which orders connections for eviction.
final class TCPConnectionActivity: Sendable {
    let channel: any Channel
    /// The client's IP address, or empty when unknown.
    let clientAddress: String
    private let lastMessageNanoseconds: Atomic<Int64>

    init(channel: any Channel, clientAddress: String, openedAt now: NIODeadline) {
        self.channel = channel
        self.clientAddress = clientAddress
        self.lastMessageNanoseconds = Atomic(Int64(clamping: now.uptimeNanoseconds))
    }

    /// When the connection last completed a message, or opened.
    var lastMessage: NIODeadline {
        NIODeadline.uptimeNanoseconds(UInt64(lastMessageNanoseconds.load(ordering: .relaxed)))
    }

    /// Notes a complete message received at `now`.
    func noteMessage(at now: NIODeadline) {
        lastMessageNanoseconds.store(Int64(clamping: now.uptimeNanoseconds), ordering: .relaxed)
    }
}
