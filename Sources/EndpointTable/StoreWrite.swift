/// What the table must make durable before it publishes a change.
enum StoreWrite: Hashable, Sendable {
    /// Leases are not stored: a heartbeat writes nothing.
    case none
    case save(StoredClusterUpdate)
    case deleteCluster(ClusterID)

    /// Performs the write on `store`.
    func perform(on store: any EndpointStore) throws {
        switch self {
        case .none: break
        case .save(let update): try store.save(update)
        case .deleteCluster(let id): try store.deleteCluster(id)
        }
    }
}
