internal import EndpointTable

/// What a pusher sends to its replica next, as the ``PushPlanner`` decides.
enum PushAction: Hashable, Sendable {
    /// Replace everything the cluster exports, at `generation`.
    case snapshot(generation: UInt64, exports: [ServiceExport])
    /// Edit the exports held at `baseGeneration`, moving to `generation`.
    case delta(baseGeneration: UInt64, generation: UInt64, ExportDelta)
    /// Renew the lease.
    case heartbeat
    /// Send nothing before `deadline` (time on the planner's clock), or before a new state arrives
    /// when `deadline` is `nil`.
    case wait(until: Duration?)
}

/// How the replica answered the last ``PushAction``.
enum PushOutcome: Hashable, Sendable {
    /// Accepted; the replica's generation for the cluster is now `generation`.
    case accepted(generation: UInt64)
    /// 409: the replica holds `currentGeneration`, not what the agent thought.
    case conflict(currentGeneration: UInt64)
    /// 404 `unknown_cluster`: the replica holds nothing for the cluster (it was reset or deleted it).
    case unknownCluster
    /// Anything else: unreachable, a timeout, a refusal; retried after a backoff.
    case failed
}
