/// How the replica answered the last ``PushAction``.
enum PushOutcome: Hashable, Sendable {
    /// Accepted; the replica's generation for the cluster is now `generation`, and its withdrawal
    /// guard holds withdrawals of the cluster when `withdrawalsHeld`.
    case accepted(generation: UInt64, withdrawalsHeld: Bool = false)
    /// 409: the replica holds `currentGeneration`, not what the agent thought.
    case conflict(currentGeneration: UInt64)
    /// 404 `unknown_cluster`: the replica holds nothing for the cluster (it was reset or deleted it).
    case unknownCluster
    /// Anything else: unreachable, a timeout, a refusal; retried after a backoff.
    case failed
}
