/// A change an agent (or an operator) asks the endpoint table to make; applied whole or not at all.
public enum TableChange: Sendable {
    /// Replace everything `cluster` exports. `generation` must be higher than the cluster's current one.
    /// `intended` says the agent means every withdrawal in it: the withdrawal guard holds none
    /// and releases the cluster's held ones.
    case snapshot(ClusterID, generation: UInt64, info: ClusterInfo, exports: [ServiceExport], intended: Bool = false)
    /// Edit what `cluster` exports; `baseGeneration` must be the current generation, `generation`
    /// higher; `intended` as for a snapshot.
    case delta(ClusterID, baseGeneration: UInt64, generation: UInt64, operations: [DeltaOperation], intended: Bool = false)
    /// Renew the cluster's lease (every accepted snapshot or delta renews it too).
    case heartbeat(ClusterID)
    /// Forget the cluster and everything it exports.
    case deleteCluster(ClusterID)
    /// Apply at once the withdrawals the guard holds for the cluster (an operator's release).
    case releaseWithdrawals(ClusterID)

    /// The cluster the change is about.
    public var cluster: ClusterID {
        switch self {
        case .snapshot(let id, _, _, _, _), .delta(let id, _, _, _, _), .heartbeat(let id), .deleteCluster(let id), .releaseWithdrawals(let id): id
        }
    }

    /// The services a delta edits; `nil` for any other change.
    public var services: Set<ServiceKey>? {
        guard case .delta(_, _, _, let operations, _) = self else { return nil }
        return Set(operations.map(\.key))
    }

    /// Why held withdrawals the change ends are no longer held, for the log.
    var holdEndReason: String {
        switch self {
        case .snapshot(_, _, _, _, true), .delta(_, _, _, _, true): "the agent marked its push intended"
        case .releaseWithdrawals: "released by an operator"
        default: "the agent exports them again"
        }
    }
}

/// One edit inside a delta.
public enum DeltaOperation: Hashable, Sendable {
    /// Add the export or replace the cluster's export with the same key.
    case upsert(ServiceExport)
    /// Stop exporting the service.
    case remove(ServiceKey)
    /// Mark every endpoint of the service that has `address` ready or not.
    case setReadiness(ServiceKey, address: IPAddress, ready: Bool)
}

/// Why a change was refused; the table is unchanged.
public enum TableError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A snapshot's generation is not above the current one.
    case staleGeneration(current: UInt64)
    /// A delta's base generation is not the current one; the agent should send a snapshot.
    case generationMismatch(current: UInt64)
    /// The cluster has never sent a snapshot (or was deleted).
    case unknownCluster(ClusterID)
    /// A delta removes or edits a service the cluster does not export.
    case unknownService(ServiceKey)
    /// A readiness edit names an address no endpoint of the service has.
    case unknownEndpoint(ServiceKey, IPAddress)
    /// The change would put more endpoints in the cluster than allowed.
    case tooManyEndpoints(limit: Int)
    /// A snapshot lists the same service twice.
    case duplicateService(ServiceKey)
    /// The store could not persist the change.
    case storeFailed(String)

    public var description: String {
        switch self {
        case .staleGeneration(let current): "generation must be greater than the current generation \(current)"
        case .generationMismatch(let current): "base generation does not match the current generation \(current); send a snapshot"
        case .unknownCluster(let id): "cluster \(id) is not known; send a snapshot first"
        case .unknownService(let key): "service \(key) is not exported by this cluster"
        case .unknownEndpoint(let key, let address): "service \(key) has no endpoint with address \(address)"
        case .tooManyEndpoints(let limit): "more than \(limit) endpoints in one cluster"
        case .duplicateService(let key): "service \(key) is listed more than once"
        case .storeFailed(let reason): "could not store the change: \(reason)"
        }
    }
}
