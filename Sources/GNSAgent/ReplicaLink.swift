internal import GNSModel

/// One gnsd replica's push API as a pusher uses it; each call answers the cluster's generation
/// on the replica after the request, and whether the replica holds withdrawals of the cluster.
protocol ReplicaLink: Sendable {
    /// The replica's address, for log lines.
    var name: String { get }
    /// Replaces the cluster's exports; `intended` marks every withdrawal in it as meant.
    func snapshot(generation: UInt64, exports: [ServiceExport], intended: Bool) async throws -> PushReceipt
    func delta(baseGeneration: UInt64, generation: UInt64, _ delta: ExportDelta) async throws -> PushReceipt
    func heartbeat() async throws -> PushReceipt
    /// How the planner should read a thrown error.
    func outcome(of error: any Error) -> PushOutcome
    /// Closes the connections; called once, after the last request.
    func shutdown() async
}

/// What a replica answered to an accepted request.
struct PushReceipt: Hashable, Sendable {
    /// The cluster's generation on the replica.
    var generation: UInt64
    /// True when the replica's withdrawal guard holds withdrawals of the cluster.
    var withdrawalsHeld = false
}
