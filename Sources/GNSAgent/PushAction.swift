internal import GNSModel

/// What a pusher sends to its replica next, as the ``PushPlanner`` decides.
enum PushAction: Hashable, Sendable {
    /// Replace everything the cluster exports, at `generation`; `intended` confirms the
    /// withdrawals in it, which the replica held.
    case snapshot(generation: UInt64, exports: [ServiceExport], intended: Bool = false)
    /// Edit the exports held at `baseGeneration`, moving to `generation`.
    case delta(baseGeneration: UInt64, generation: UInt64, ExportDelta)
    /// Renew the lease.
    case heartbeat
    /// Nothing can be pushed: the replica holds `current`, the highest generation there is, so
    /// only heartbeats follow until the cluster is deleted there. Sent once per such generation.
    case generationExhausted(current: UInt64)
    /// Send nothing before `deadline` (time on the planner's clock), or before a new state arrives
    /// when `deadline` is `nil`.
    case wait(until: Duration?)
}
