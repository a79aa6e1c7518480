internal import Atomics
import Synchronization

/// The live endpoint table: agents' changes go in through `apply`, DNS readers take `snapshot`.
///
/// Writers are serialised; each change is validated, stored, and only then published as a new
/// immutable ``TableSnapshot``. Readers never wait: the published snapshot is an atomic
/// reference, loaded without a lock on every DNS query.
///
/// ```swift
/// let table = try EndpointTable(store: InMemoryEndpointStore(), clock: SystemLeaseClock(), settings: TableSettings())
/// try table.apply(.snapshot(cluster, generation: 1, info: ClusterInfo(region: "eu"), exports: exports))
/// let entry = table.snapshot.services[key]
/// ```
public final class EndpointTable: Sendable {
    private let store: any EndpointStore
    private let clock: any LeaseClock
    private let settings: TableSettings
    /// The writers' lock, guarding the last published snapshot that the next change starts from.
    private let writer: Mutex<TableSnapshot>
    /// The snapshot readers see.
    private let published: ManagedAtomic<PublishedSnapshot>

    /// Loads the last state from `store`; restored clusters start stale until their agents renew.
    public init(store: any EndpointStore, clock: any LeaseClock, settings: TableSettings) throws {
        let restored = TableSnapshot.restored(from: try store.load())
        self.store = store
        self.clock = clock
        self.settings = settings
        writer = Mutex(restored)
        published = ManagedAtomic(PublishedSnapshot(restored))
    }

    /// The current snapshot; keep it for a whole answer so one answer never mixes two tables.
    public var snapshot: TableSnapshot {
        published.load(ordering: .acquiring).snapshot
    }

    /// Validates, stores, then publishes `change`; all or nothing. Every accepted snapshot, delta
    /// and heartbeat renews the cluster's lease.
    /// - Returns: the new snapshot, whose version is one above the previous one.
    @discardableResult
    public func apply(_ change: TableChange) throws(TableError) -> TableSnapshot {
        try writer.withLock { (current: inout TableSnapshot) throws(TableError) -> TableSnapshot in
            let (next, write) = try current.applying(change, now: clock.now, settings: settings)
            do {
                try write.perform(on: store)
            } catch {
                throw .storeFailed(String(describing: error))
            }
            current = next
            publish(next)
            return next
        }
    }

    /// Marks the clusters whose lease lapsed (`clock.now >= leaseExpiry`) stale and publishes
    /// the result if any did. A service calls this on a timer, sleeping until `nextLeaseExpiry`.
    /// - Returns: the current snapshot, new only when a lease lapsed.
    @discardableResult
    public func expireLeases() -> TableSnapshot {
        writer.withLock { current in
            guard let next = current.expiringLeases(now: clock.now) else { return current }
            current = next
            publish(next)
            return next
        }
    }

    /// The earliest expiry of a live lease on the table's lease clock, so an expiry timer can
    /// sleep exactly until then; `nil` when no lease is live.
    public var nextLeaseExpiry: Duration? {
        snapshot.nextLeaseExpiry
    }

    private func publish(_ next: TableSnapshot) {
        published.store(PublishedSnapshot(next), ordering: .releasing)
    }
}

/// The atomic slot holding the published snapshot.
private final class PublishedSnapshot: AtomicReference, Sendable {
    let snapshot: TableSnapshot

    init(_ snapshot: TableSnapshot) {
        self.snapshot = snapshot
    }
}
