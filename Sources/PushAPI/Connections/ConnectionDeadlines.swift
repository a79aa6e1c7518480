internal import NIOCore

/// The deadline of one push API connection as its requests come and go, without sockets or
/// timers: the handler feeds it what it reads and writes, and closes the connection when
/// ``deadline`` passes.
///
/// - Waiting for a request head: the connection's first head must arrive within
///   ``HTTPServerLimits/requestHeadTimeout`` of its opening; after a response, the next head
///   within ``HTTPServerLimits/idleTimeout``.
/// - Reading a request: its body must end within ``HTTPServerLimits/requestBodyTimeout`` of its head.
/// - Answering (a request read and not yet answered): no deadline; the response takes what it takes.
struct ConnectionDeadlines {
    let limits: HTTPServerLimits
    /// When the connection is closed unless it makes the progress it owes; `nil` while answering.
    private(set) var deadline: NIODeadline?
    /// Since when the connection has had no request to answer (its opening or its last
    /// response): the order in which the connection limit closes waiting connections; `nil`
    /// while a request is being answered.
    private(set) var waitingSince: NIODeadline?
    /// Requests whose head was read and whose response has not ended.
    private var unanswered = 0
    /// A request head was read and its end not yet.
    private var isReadingRequest = false

    /// A connection opened at `now`, waiting for its first request head.
    init(limits: HTTPServerLimits, openedAt now: NIODeadline) {
        self.limits = limits
        deadline = now + limits.requestHeadTimeout
        waitingSince = now
    }

    /// A request head arrived in full: its body must follow within the body timeout.
    mutating func headRead(at now: NIODeadline) {
        unanswered += 1
        isReadingRequest = true
        deadline = now + limits.requestBodyTimeout
        waitingSince = nil
    }

    /// The request's end arrived: no deadline while it is answered, or the idle timeout when
    /// its response already went out (an early error such as 401 or 413).
    mutating func requestEndRead(at now: NIODeadline) {
        guard isReadingRequest else { return }
        isReadingRequest = false
        if unanswered == 0 {
            deadline = now + limits.idleTimeout
        } else {
            deadline = nil
        }
    }

    /// A response ended: with no other request open, the connection waits for the next head.
    mutating func responseEnded(at now: NIODeadline) {
        guard unanswered > 0 else { return }
        unanswered -= 1
        guard unanswered == 0 else { return }
        waitingSince = now
        if !isReadingRequest {
            deadline = now + limits.idleTimeout
        }
    }

    /// True once the connection is past its deadline.
    func isExpired(at now: NIODeadline) -> Bool {
        deadline.map { now >= $0 } ?? false
    }
}
