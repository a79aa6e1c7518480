internal import NIOConcurrencyHelpers

/// The bounded hand-over between the DNS threads that capture queries and the one thread that
/// writes the logs: a capture never blocks and never waits for the writer; when the queue holds
/// `maxEntries` captures or `maxBytes` of messages, it is dropped and counted.
final class QueryLogQueue: Sendable {
    private struct Contents {
        var entries: [CapturedQuery] = []
        var bytes = 0
        var dropped = 0
        var closed = false
    }

    private static let empty = 0
    private static let waiting = 1
    private let contents: ConditionLock<Int>
    // The lock guards `state`; ConditionLock holds only an Int, so the rest sits beside it.
    private nonisolated(unsafe) var state = Contents()
    private let maxEntries: Int
    private let maxBytes: Int

    init(maxEntries: Int, maxBytes: Int) {
        self.maxEntries = maxEntries
        self.maxBytes = maxBytes
        contents = ConditionLock(value: Self.empty)
    }

    /// Queues `capture`, or drops it when the queue is full or closed.
    func offer(_ capture: CapturedQuery) {
        contents.lock()
        guard !state.closed, state.entries.count < maxEntries, state.bytes + capture.byteCount <= maxBytes else {
            state.dropped += 1
            contents.unlock()
            return
        }
        state.entries.append(capture)
        state.bytes += capture.byteCount
        contents.unlock(withValue: Self.waiting)
    }

    /// Waits up to `timeoutSeconds` for captures, then takes all of them with the count dropped
    /// since the last call; `nil` once the queue is closed and empty.
    func take(timeoutSeconds: Double) -> (entries: [CapturedQuery], dropped: Int)? {
        if !contents.lock(whenValue: Self.waiting, timeoutSeconds: timeoutSeconds) {
            contents.lock()
        }
        let taken = state.entries
        let dropped = state.dropped
        let finished = state.closed && taken.isEmpty
        state.entries = []
        state.entries.reserveCapacity(min(taken.count, maxEntries))
        state.bytes = 0
        state.dropped = 0
        contents.unlock(withValue: state.closed ? Self.waiting : Self.empty)
        return finished ? nil : (taken, dropped)
    }

    /// Takes no more captures and wakes the writer, which drains what is queued.
    func close() {
        contents.lock()
        state.closed = true
        contents.unlock(withValue: Self.waiting)
    }
}
