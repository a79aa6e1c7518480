internal import Atomics
public import Logging
import Synchronization

/// The live endpoint table: agents' changes go in through `apply`, DNS readers take `snapshot`.
///
/// Writers are serialised; each change is validated, stored, and only then published as a new
/// immutable ``TableSnapshot``. Readers never wait: the published snapshot is an atomic
/// reference, loaded without a lock on every DNS query.
///
/// The table keeps when each cluster started exporting each service, on its export clock: the
/// lease clock, moved forward at start so that every export from then on is younger than every
/// restored one. When clusters export a service with different kinds, the table logs each export
/// that gets left out or taken back in (see ``KindDecision``), once per change.
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
    /// Added to the lease clock's time to give export times that continue after the stored ones.
    private let exportClockOffset: Duration
    private let logger: Logger
    /// The writers' lock, guarding the last published snapshot that the next change starts from
    /// and the highest answer version the store has reserved.
    private let writer: Mutex<(snapshot: TableSnapshot, reservedAnswerVersion: UInt64)>
    /// The snapshot readers see.
    private let published: ManagedAtomic<PublishedSnapshot>

    /// How many answer versions one reservation in the store covers: a restart skips at most as
    /// many serials, and a busy table writes a reservation that rarely.
    static let answerVersionReservation: UInt64 = 4096

    /// Loads the last state from `store`; restored clusters start stale until their agents renew,
    /// at an answer version above every one the store reserved.
    public init(store: any EndpointStore, clock: any LeaseClock, settings: TableSettings, logger: Logger = Logger(label: "gnsd")) throws {
        let stored = try store.load()
        let reserved = try store.reservedAnswerVersion()
        var restored = TableSnapshot.restored(from: stored, now: clock.now)
        if reserved > 0 {
            restored = restored.renumbered(answerVersion: reserved + 1)
        }
        let newestExport = stored.lazy.flatMap(\.firstExported.values).max()
        self.store = store
        self.clock = clock
        self.settings = settings
        self.logger = logger
        exportClockOffset = newestExport.map { max(.zero, $0 + .nanoseconds(1) - clock.now) } ?? .zero
        writer = Mutex((restored, reserved))
        published = ManagedAtomic(PublishedSnapshot(restored))
        logConflictChanges(from: .empty, to: restored)
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
        try applyTransition(change).after
    }

    /// ``apply(_:)``, returning the snapshot the change was applied to as well, so that a caller
    /// can tell exactly what it changed.
    public func applyTransition(_ change: TableChange) throws(TableError) -> (before: TableSnapshot, after: TableSnapshot) {
        try writer.withLock {
            (
                state: inout (snapshot: TableSnapshot, reservedAnswerVersion: UInt64)
            ) throws(TableError) -> (before: TableSnapshot, after: TableSnapshot) in
            let now = clock.now
            let (next, write) = try state.snapshot.applying(change, now: now, exportedAt: now + exportClockOffset, settings: settings)
            do {
                try reserveAnswerVersion(of: next, reserved: &state.reservedAnswerVersion)
                try write.perform(on: store)
            } catch {
                throw .storeFailed(String(describing: error))
            }
            publish(next, replacing: state.snapshot)
            logHeldWithdrawals(of: change.cluster, from: state.snapshot, to: next, now: now, endedBecause: change.holdEndReason)
            if let held = next.clusters[change.cluster]?.heldUntil, state.snapshot.clusters[change.cluster]?.heldUntil == nil {
                logger.warning(
                    "cluster renewed its lease after lapsing repeatedly; damping holds it stale until it keeps renewing",
                    metadata: ["cluster": "\(change.cluster)", "live-in-seconds": "\((held - now).components.seconds)"])
            }
            let before = state.snapshot
            state.snapshot = next
            return (before, next)
        }
    }

    /// Moves the table on to `clock.now`: clusters whose lease lapsed turn stale, those stale for
    /// `expireAfter` expired, damped ones that kept renewing live, and held withdrawals that are
    /// due apply; publishes the result if anything changed. A service calls this on a timer,
    /// sleeping until `nextDeadline`.
    /// - Returns: the current snapshot, new only when something changed.
    @discardableResult
    public func advance() -> TableSnapshot {
        writer.withLock { state in
            guard let next = state.snapshot.advancing(to: clock.now, settings: settings) else { return state.snapshot }
            do {
                try reserveAnswerVersion(of: next, reserved: &state.reservedAnswerVersion)
            } catch {
                // The lapse is published all the same: answering from a dead cluster would be
                // worse than a serial that may repeat after a restart.
                logger.error("cannot reserve SOA serials in the state file", metadata: ["error": "\(error)"])
            }
            publish(next, replacing: state.snapshot)
            for id in next.clusters.keys {
                logHeldWithdrawals(of: id, from: state.snapshot, to: next, now: clock.now, endedBecause: "hold time over")
            }
            state.snapshot = next
            return next
        }
    }

    /// Logs the withdrawals `next` holds for cluster `id` that `previous` did not, and those it
    /// no longer holds, applied or taken back for `reason`.
    private func logHeldWithdrawals(
        of id: ClusterID, from previous: TableSnapshot, to next: TableSnapshot, now: Duration, endedBecause reason: String
    ) {
        let before = previous.clusters[id]?.heldWithdrawals ?? [:]
        guard let after = next.clusters[id]?.heldWithdrawals, before != after else { return }
        let ended = before.keys.filter { after[$0] == nil }.sorted()
        if !ended.isEmpty {
            logger.notice(
                "held withdrawals no longer held",
                metadata: ["cluster": "\(id)", "services": Self.listed(ended), "reason": "\(reason)"])
        }
        let started = after.filter { key, held in held.endpoints.count > (before[key]?.endpoints.count ?? 0) }
        guard let release = started.values.map(\.releaseAt).min() else { return }
        logger.warning(
            "withdrawals held: the push withdraws too much at once; the withdrawn endpoints are answered until the hold ends",
            metadata: [
                "cluster": "\(id)", "services": Self.listed(started.keys.sorted()),
                "endpoints": "\(started.values.reduce(0) { $0 + $1.endpoints.count })",
                "release-in-seconds": "\((release - now).components.seconds)",
            ])
    }

    /// The first of `keys` as a log value, with how many more there are: a mass withdrawal must
    /// not make one line list thousands of services.
    private static func listed(_ keys: [ServiceKey]) -> Logger.MetadataValue {
        let shown = keys.prefix(20).map(\.description).joined(separator: ", ")
        return "\(shown)\(keys.count > 20 ? " and \(keys.count - 20) more" : "")"
    }

    /// Reserves a block of answer versions in the store when `next` goes beyond `reserved`.
    private func reserveAnswerVersion(of next: TableSnapshot, reserved: inout UInt64) throws {
        guard next.answerVersion > reserved else { return }
        let through = next.answerVersion + Self.answerVersionReservation
        try store.reserveAnswerVersions(through: through)
        reserved = through
    }

    /// When a lease next lapses, expires or leaves its damping hold, or held withdrawals apply,
    /// on the table's lease clock, so a timer can sleep exactly until then; `nil` when nothing
    /// will happen without a push.
    public var nextDeadline: Duration? {
        snapshot.nextDeadline(settings: settings)
    }

    /// Logs each export that `next` leaves out for its kind and `previous` did not (or left out
    /// for another deciding cluster), and each export taken back in. Looks only at the services
    /// exported with mixed kinds that the change touched, or at all of them when a lease changed.
    private func logConflictChanges(from previous: TableSnapshot, to next: TableSnapshot) {
        let mixed = { (key: ServiceKey) in previous.mixedKindServices.contains(key) || next.mixedKindServices.contains(key) }
        let keys =
            next.changedServices(since: previous).map { $0.filter(mixed) }
            ?? Set(previous.mixedKindServices).union(next.mixedKindServices)
        guard !keys.isEmpty else { return }
        let sortedKeys = keys.sorted()
        let before = Dictionary(uniqueKeysWithValues: previous.kindConflicts(in: sortedKeys).map { (ConflictingExport($0), $0.decision.cluster) })
        let after = next.kindConflicts(in: sortedKeys)
        let stillLeftOut = Set(after.map(ConflictingExport.init))
        for conflict in after where before[ConflictingExport(conflict)] != conflict.decision.cluster {
            logger.warning(
                "export left out: another cluster's export sets the service's kind (KEP-1645: the oldest export wins)",
                metadata: conflict.logMetadata)
        }
        for export in before.keys.sorted() where !stillLeftOut.contains(export) && next.services[export.service]?.exports[export.cluster] != nil {
            logger.notice(
                "export answered again: its kind no longer conflicts",
                metadata: ["service": "\(export.service)", "cluster": "\(export.cluster)"])
        }
    }

    private func publish(_ next: TableSnapshot, replacing previous: TableSnapshot) {
        published.store(PublishedSnapshot(next), ordering: .releasing)
        logConflictChanges(from: previous, to: next)
    }
}

/// The atomic slot holding the published snapshot.
private final class PublishedSnapshot: AtomicReference, Sendable {
    let snapshot: TableSnapshot

    init(_ snapshot: TableSnapshot) {
        self.snapshot = snapshot
    }
}
