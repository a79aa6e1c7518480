internal import GNSModel
internal import KubernetesSource

/// Decides what one replica is sent and when, from the newest state of the exports and the
/// replica's answers; no I/O, time passed in (a `Duration` on the caller's monotonic clock).
///
/// A snapshot goes first and after every resync, deltas against what the replica acknowledged
/// afterwards, a heartbeat once `heartbeat` has passed since the last accepted request. States
/// received while a request is in flight replace each other, so only the newest is sent. A 409 or
/// 404 turns into a snapshot above the replica's generation; other failures are retried after a
/// jittered exponential backoff. A replica at the highest generation (2^53, see
/// ``GenerationRange``) takes no snapshot or delta: the planner reports that once and only
/// renews the lease, until a 404 (the cluster was deleted there) lets it start over at 1.
///
/// With `confirmWithdrawalsAfter`, a state whose withdrawals the replica's guard holds is sent
/// again as an intended snapshot once the source has kept it that long, so a real scale-down
/// applies then instead of at the end of the replica's hold.
///
///     var planner = PushPlanner(heartbeat: .seconds(3), backoff: Backoff())
///     planner.receive(exports, resync: true)
///     let action = planner.next(now: clock.now)      // .snapshot(generation: 1, exports: …)
///     planner.complete(.accepted(generation: 1), now: clock.now, random: &random)
struct PushPlanner {
    /// Time between lease renewals.
    let heartbeat: Duration
    let backoff: Backoff
    /// How long the source must keep a state whose withdrawals the replica holds before the
    /// planner confirms it; `nil` never confirms.
    let confirmWithdrawalsAfter: Duration?

    /// The replica's generation for the cluster, as last learned.
    private(set) var generation: UInt64 = 0
    /// The newest state from the source; `nil` until the first.
    private var desired: [ServiceKey: ServiceExport]?
    /// What the replica holds at `generation`, when known.
    private var acknowledged: [ServiceKey: ServiceExport] = [:]
    private var needsSnapshot = true
    private var inFlight: InFlight?
    /// Failures (no answer, or an error other than 404 and 409) in a row.
    private var failures = 0
    /// 404 and 409 answers in a row.
    private var refusals = 0
    private var retryAt: Duration?
    /// When the replica last accepted a request (and so renewed the lease).
    private var renewedAt: Duration?
    /// Whether ``PushAction/generationExhausted(current:)`` was returned for the current generation.
    private var exhaustionReported = false
    /// When the replica accepted the acknowledged state with withdrawals held; `nil` when it holds none.
    private var withdrawalsHeldSince: Duration?

    private enum InFlight {
        case snapshot([ServiceKey: ServiceExport])
        case delta([ServiceKey: ServiceExport])
        case heartbeat
    }

    init(heartbeat: Duration, backoff: Backoff, confirmWithdrawalsAfter: Duration? = nil) {
        self.heartbeat = heartbeat
        self.backoff = backoff
        self.confirmWithdrawalsAfter = confirmWithdrawalsAfter
    }

    /// Takes the newest complete state; `resync` asks for a snapshot even if nothing changed.
    mutating func receive(_ exports: [ServiceExport], resync: Bool) {
        desired = Dictionary(exports.map { ($0.key, $0) }, uniquingKeysWith: { _, last in last })
        needsSnapshot = needsSnapshot || resync
    }

    /// The next request to send, marked in flight until ``complete(_:now:random:)``, or how long to wait.
    mutating func next(now: Duration) -> PushAction {
        precondition(inFlight == nil, "a request is still in flight")
        guard let desired else { return .wait(until: nil) }
        if let retryAt, now < retryAt { return .wait(until: retryAt) }
        if let following = GenerationRange.after(generation) {
            if needsSnapshot {
                needsSnapshot = false
                inFlight = .snapshot(desired)
                return .snapshot(generation: following, exports: desired.values.sorted { $0.key < $1.key })
            }
            let delta = ExportDelta(from: acknowledged, to: desired)
            if !delta.isEmpty {
                inFlight = .delta(desired)
                return .delta(baseGeneration: generation, generation: following, delta)
            }
            if let confirmation = confirmationDue, now >= confirmation {
                inFlight = .snapshot(desired)
                return .snapshot(generation: following, exports: desired.values.sorted { $0.key < $1.key }, intended: true)
            }
        } else if !exhaustionReported {
            exhaustionReported = true
            return .generationExhausted(current: generation)
        }
        let due = min((renewedAt ?? now) + heartbeat, confirmationDue ?? .seconds(Int64.max))
        guard now >= due else { return .wait(until: due) }
        inFlight = .heartbeat
        return .heartbeat
    }

    /// Records the replica's answer to the request in flight.
    mutating func complete(_ outcome: PushOutcome, now: Duration, random: inout some RandomNumberGenerator) {
        guard let sent = inFlight else { return }
        inFlight = nil
        defer {
            if GenerationRange.after(generation) != nil {
                exhaustionReported = false
            }
        }
        switch outcome {
        case .accepted(let replicaGeneration, let withdrawalsHeld):
            failures = 0
            refusals = 0
            retryAt = nil
            renewedAt = now
            switch sent {
            case .snapshot(let state), .delta(let state):
                acknowledged = state
                generation = replicaGeneration
                withdrawalsHeldSince = withdrawalsHeld ? now : nil
            case .heartbeat where replicaGeneration != generation:
                generation = max(generation, replicaGeneration)
                needsSnapshot = true
            case .heartbeat:
                break
            }
        case .conflict(let currentGeneration):
            generation = currentGeneration
            resyncAfterRefusal(now: now, random: &random)
        case .unknownCluster:
            if GenerationRange.after(generation) == nil {
                generation = 0
            }
            resyncAfterRefusal(now: now, random: &random)
        case .failed:
            if case .snapshot = sent { needsSnapshot = true }
            failures += 1
            retryAt = now + backoff.delay(afterFailures: failures, using: &random)
        }
    }

    /// When the held withdrawals of the acknowledged state are to be confirmed, if they are.
    private var confirmationDue: Duration? {
        guard let after = confirmWithdrawalsAfter, let since = withdrawalsHeldSince else { return nil }
        return since + after
    }

    /// A snapshot next: at once after the first refusal, after a backoff when refusals repeat
    /// (another writer racing for the cluster).
    private mutating func resyncAfterRefusal(now: Duration, random: inout some RandomNumberGenerator) {
        needsSnapshot = true
        failures = 0
        refusals += 1
        retryAt = refusals == 1 ? nil : now + backoff.delay(afterFailures: refusals - 1, using: &random)
    }
}
