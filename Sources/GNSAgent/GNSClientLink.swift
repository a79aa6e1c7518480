internal import GNSClient
internal import GNSModel

/// A replica reached through ``GNSClient``, pushing for one cluster.
struct GNSClientLink: ReplicaLink {
    let client: GNSClient
    let cluster: ClusterID
    /// Region, zone and labels sent with each snapshot.
    let info: ClusterInfo

    var name: String { client.server }

    func snapshot(generation: UInt64, exports: [ServiceExport], intended: Bool) async throws -> PushReceipt {
        let body = SnapshotBody(generation: generation, cluster: info, exports: exports, intended: intended ? true : nil)
        return PushReceipt(try await client.putSnapshot(cluster: cluster, body))
    }

    func delta(baseGeneration: UInt64, generation: UInt64, _ delta: ExportDelta) async throws -> PushReceipt {
        let body = DeltaBody(baseGeneration: baseGeneration, generation: generation, upsert: delta.upsert, remove: delta.remove)
        return PushReceipt(try await client.applyDelta(cluster: cluster, body))
    }

    func heartbeat() async throws -> PushReceipt {
        PushReceipt(try await client.heartbeat(cluster: cluster))
    }

    /// 409 with the replica's generation is a conflict, 404 `unknown_cluster` (and a 409 without
    /// a generation) asks for a snapshot; anything else is a failure to retry.
    func outcome(of error: any Error) -> PushOutcome {
        guard case .api(let failure) = error as? GNSClientError else { return .failed }
        switch (failure.status, failure.code) {
        case (409, _):
            return failure.currentGeneration.map { .conflict(currentGeneration: $0) } ?? .unknownCluster
        case (404, "unknown_cluster"):
            return .unknownCluster
        default:
            return .failed
        }
    }

    func shutdown() async {
        await client.shutdown()
    }
}

extension PushReceipt {
    /// The receipt gnsd's `result` gives.
    init(_ result: PushResult) {
        self.init(generation: result.generation, withdrawalsHeld: result.heldWithdrawals != nil)
    }
}
