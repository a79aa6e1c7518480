import NIOCore
import Synchronization

/// One admitted TCP connection as the registry sees it: its channel, its client's address, and
/// when it last completed a message (or opened), which orders connections for eviction; and
/// whether a response is being worked out, during which the connection is not idle.
final class TCPConnectionActivity: Sendable {
    let channel: any Channel
    /// The client's IP address, or empty when unknown.
    let clientAddress: String
    private let lastMessageNanoseconds: Atomic<Int64>
    private let responsesInProgress = Atomic<Int>(0)

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

    /// True while a response (a zone transfer) is being worked out: the connection waits for
    /// gnsd, not for its client, so its idle timeout does not run.
    var isAnswering: Bool { responsesInProgress.load(ordering: .relaxed) > 0 }

    /// Notes that a response is being worked out.
    func beginResponse() {
        responsesInProgress.add(1, ordering: .relaxed)
    }

    /// Notes that the response begun last is out at `now`; the idle time counts from then.
    func endResponse(at now: NIODeadline) {
        responsesInProgress.subtract(1, ordering: .relaxed)
        noteMessage(at: now)
    }
}
