internal import Synchronization

/// Gathers what the three reflectors report and wakes the publisher when something changed.
final class ExportAggregator: Sendable {
    private struct State {
        var objects = ClusterObjects()
        /// The kinds listed at least once; nothing is published before all three are.
        var listedKinds: Set<ObjectIdentifier> = []
        /// A list replaced a kind since the last publish, so the next publish is a full resync.
        var resyncPending = false
    }

    private static let kindCount = 3
    private let state = Mutex(State())
    private let wakeup: AsyncStream<Void>.Continuation
    /// Yields after changes; a burst of changes leaves one element waiting.
    let changes: AsyncStream<Void>

    init() {
        (changes, wakeup) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(1))
    }

    /// Applies `update` to the objects at `keyPath`.
    func apply<Object: KubernetesObject>(_ update: ResourceUpdate<Object>, to keyPath: WritableKeyPath<ClusterObjects, [ObjectKey: Object]>) {
        state.withLock { state in
            update.applied(to: &state.objects[keyPath: keyPath])
            if case .replaced = update {
                state.listedKinds.insert(ObjectIdentifier(Object.self))
                state.resyncPending = true
            }
        }
        wakeup.yield()
    }

    /// The objects and whether the next publish is a resync, clearing that flag; `nil` until every kind was listed.
    func take() -> (objects: ClusterObjects, resync: Bool)? {
        state.withLock { state in
            guard state.listedKinds.count == Self.kindCount else { return nil }
            defer { state.resyncPending = false }
            return (state.objects, state.resyncPending)
        }
    }
}
