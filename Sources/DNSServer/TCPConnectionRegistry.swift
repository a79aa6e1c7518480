import NIOCore
import Synchronization

/// The open TCP connections of a server: admits new ones up to the limit, closes them all on
/// shutdown, and tells when the last one has closed.
final class TCPConnectionRegistry: Sendable {
    /// The reason a connection was not admitted; failing the child channel initializer with it closes the connection.
    struct Refusal: Error {}

    private struct State {
        var open: [ObjectIdentifier: any Channel] = [:]
        var isClosed = false
        var emptyWaiters: [CheckedContinuation<Void, Never>] = []
    }

    private let limit: Int
    private let state = Mutex(State())

    init(limit: Int) {
        self.limit = limit
    }

    /// Whether ``closeAll(mode:)`` has been called.
    var isClosed: Bool {
        self.state.withLock { $0.isClosed }
    }

    /// Registers an accepted connection until it closes; returns false when the limit is reached or the registry is closed.
    func admit(_ channel: any Channel) -> Bool {
        let admitted = self.state.withLock { state in
            guard !state.isClosed, state.open.count < self.limit else {
                return false
            }
            state.open[ObjectIdentifier(channel)] = channel
            return true
        }
        if admitted {
            channel.closeFuture.whenComplete { _ in
                self.remove(channel)
            }
        }
        return admitted
    }

    /// Admits no more connections and closes every open one: `.input` lets them finish, `.all` ends them at once.
    func closeAll(mode: CloseMode) {
        let channels = self.state.withLock { state in
            state.isClosed = true
            return Array(state.open.values)
        }
        for channel in channels {
            channel.close(mode: mode, promise: nil)
        }
    }

    /// Returns once no connection is open.
    func waitUntilEmpty() async {
        await withCheckedContinuation { continuation in
            let isEmpty = self.state.withLock { state in
                if state.open.isEmpty {
                    return true
                }
                state.emptyWaiters.append(continuation)
                return false
            }
            if isEmpty {
                continuation.resume()
            }
        }
    }

    private func remove(_ channel: any Channel) {
        let waiters = self.state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.open[ObjectIdentifier(channel)] = nil
            guard state.open.isEmpty else {
                return []
            }
            defer { state.emptyWaiters = [] }
            return state.emptyWaiters
        }
        for waiter in waiters {
            waiter.resume()
        }
    }
}
