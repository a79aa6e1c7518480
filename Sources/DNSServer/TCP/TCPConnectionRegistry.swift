import NIOCore
import Synchronization

/// The open TCP connections of a server: admits new ones, closes them all on shutdown, and
/// tells when the last one has closed.
///
/// A client address may hold at most `perClientLimit` connections; beyond that its new ones are
/// refused. When all `limit` connections are taken, the one that has gone longest without
/// completing a message is closed to make room (as Unbound and Knot do), so connections held
/// open by a slow or idle client cannot keep others out.
final class TCPConnectionRegistry: Sendable {
    /// The reason a connection was not admitted; failing the child channel initializer with it closes the connection.
    struct Refusal: Error {}

    private struct State {
        var open: [ObjectIdentifier: TCPConnectionActivity] = [:]
        var perClient: [String: Int] = [:]
        var isClosed = false
        var emptyWaiters: [CheckedContinuation<Void, Never>] = []
    }

    private let limit: Int
    private let perClientLimit: Int
    private let state = Mutex(State())

    init(limit: Int, perClientLimit: Int) {
        self.limit = limit
        self.perClientLimit = perClientLimit
    }

    /// The connections open now.
    var openCount: Int {
        self.state.withLock { $0.open.count }
    }

    /// Whether ``closeAll(mode:)`` has been called.
    var isClosed: Bool {
        self.state.withLock { $0.isClosed }
    }

    /// Registers an accepted connection until it closes, closing the longest-idle one when all
    /// are taken; returns `nil` when its client holds its limit or the registry is closed.
    func admit(_ channel: any Channel) -> TCPConnectionActivity? {
        let activity = TCPConnectionActivity(
            channel: channel, clientAddress: channel.remoteAddress?.ipAddress ?? "", openedAt: NIODeadline.now())
        let (admitted, evicted) = self.state.withLock { state -> (Bool, TCPConnectionActivity?) in
            guard !state.isClosed, state.perClient[activity.clientAddress, default: 0] < self.perClientLimit else {
                return (false, nil)
            }
            var evicted: TCPConnectionActivity?
            if state.open.count >= self.limit, let longestIdle = state.open.values.min(by: { $0.lastMessage < $1.lastMessage }) {
                evicted = longestIdle
                Self.unregister(longestIdle, from: &state)
            }
            state.open[ObjectIdentifier(channel)] = activity
            state.perClient[activity.clientAddress, default: 0] += 1
            return (true, evicted)
        }
        evicted?.channel.close(promise: nil)
        guard admitted else { return nil }
        channel.closeFuture.whenComplete { _ in
            self.remove(activity)
        }
        return activity
    }

    /// Admits no more connections and closes every open one: `.input` lets them finish, `.all` ends them at once.
    func closeAll(mode: CloseMode) {
        let channels = self.state.withLock { state in
            state.isClosed = true
            return state.open.values.map(\.channel)
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

    private func remove(_ activity: TCPConnectionActivity) {
        let waiters = self.state.withLock { state -> [CheckedContinuation<Void, Never>] in
            Self.unregister(activity, from: &state)
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

    /// Forgets `activity` once, whether it closed or was evicted first.
    private static func unregister(_ activity: TCPConnectionActivity, from state: inout State) {
        guard state.open.removeValue(forKey: ObjectIdentifier(activity.channel)) != nil else { return }
        let remaining = state.perClient[activity.clientAddress, default: 1] - 1
        state.perClient[activity.clientAddress] = remaining > 0 ? remaining : nil
    }
}
