internal import GNSModel
internal import Synchronization

/// Hands the newest state of the exports from the source to one pusher: a newer state replaces
/// an older one not yet taken, and a resync stays asked for until taken.
final class PushMailbox: Sendable {
    private struct Contents {
        var exports: [ServiceExport]?
        var resync = false
        var waiter: CheckedContinuation<Void, Never>?
    }

    private let contents = Mutex(Contents())

    /// Leaves `exports` for the pusher and wakes it.
    func post(_ exports: [ServiceExport], resync: Bool) {
        let waiter = contents.withLock { contents in
            contents.exports = exports
            contents.resync = contents.resync || resync
            defer { contents.waiter = nil }
            return contents.waiter
        }
        waiter?.resume()
    }

    /// The state posted since the last call, if any.
    func take() -> (exports: [ServiceExport], resync: Bool)? {
        contents.withLock { contents in
            guard let exports = contents.exports else { return nil }
            defer {
                contents.exports = nil
                contents.resync = false
            }
            return (exports, contents.resync)
        }
    }

    /// Returns once a state is waiting to be taken, or when the task is cancelled.
    func waitForPost() async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = contents.withLock { contents in
                    guard contents.exports == nil, !Task.isCancelled else { return true }
                    contents.waiter = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let waiter = contents.withLock { contents in
                defer { contents.waiter = nil }
                return contents.waiter
            }
            waiter?.resume()
        }
    }
}
