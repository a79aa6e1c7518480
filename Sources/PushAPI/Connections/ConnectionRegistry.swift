internal import NIOCore
internal import Synchronization

/// The push API's open connections over every event loop, kept within a limit: when a new
/// connection would pass it, the connection that has waited longest without a request to
/// answer is closed instead of the new one (what Unbound and Knot do for DNS over TCP), so a
/// crowd of half-open connections cannot keep an agent or a health probe out.
///
/// ```swift
/// let registry = ConnectionRegistry(limit: 1024)
/// if let evicted = registry.admit(channel, at: .now()) { evicted.close(promise: nil) }
/// ```
final class ConnectionRegistry: Sendable {
    /// One open connection and since when it has had no request to answer (`nil` while it answers one).
    private struct Connection {
        let channel: any Channel
        var waitingSince: NIODeadline?
    }

    /// Connections open at once.
    let limit: Int
    private let connections = Mutex<[ObjectIdentifier: Connection]>([:])

    init(limit: Int) {
        self.limit = limit
    }

    /// The number of connections registered.
    var count: Int {
        connections.withLock { $0.count }
    }

    /// Registers `channel`, waiting for a request since `now`.
    /// - Returns: the connection to close when the limit is reached: the one that has waited
    ///   longest, no longer registered, or `channel` itself (not registered) when every other
    ///   connection is answering a request; `nil` when there was room.
    func admit(_ channel: any Channel, at now: NIODeadline) -> (any Channel)? {
        connections.withLock { connections in
            var evicted: (any Channel)?
            if connections.count >= limit {
                let longestWaiting = connections.compactMap { key, connection in
                    connection.waitingSince.map { (key: key, since: $0) }
                }.min { $0.since < $1.since }
                guard let longestWaiting else { return channel }
                evicted = connections.removeValue(forKey: longestWaiting.key)?.channel
            }
            connections[ObjectIdentifier(channel)] = Connection(channel: channel, waitingSince: now)
            return evicted
        }
    }

    /// Records whether `channel` waits for a request (since when) or answers one (`nil`);
    /// nothing when it is no longer registered.
    func update(_ channel: any Channel, waitingSince: NIODeadline?) {
        connections.withLock { connections in
            connections[ObjectIdentifier(channel)]?.waitingSince = waitingSince
        }
    }

    /// Forgets `channel`, which has closed.
    func remove(_ channel: any Channel) {
        _ = connections.withLock { $0.removeValue(forKey: ObjectIdentifier(channel)) }
    }
}
