internal import GNSModel

/// One gnsd replica's push API as a pusher uses it; each call answers the cluster's generation
/// on the replica after the request.
protocol ReplicaLink: Sendable {
    /// The replica's address, for log lines.
    var name: String { get }
    func snapshot(generation: UInt64, exports: [ServiceExport]) async throws -> UInt64
    func delta(baseGeneration: UInt64, generation: UInt64, _ delta: ExportDelta) async throws -> UInt64
    func heartbeat() async throws -> UInt64
    /// How the planner should read a thrown error.
    func outcome(of error: any Error) -> PushOutcome
    /// Closes the connections; called once, after the last request.
    func shutdown() async
}
