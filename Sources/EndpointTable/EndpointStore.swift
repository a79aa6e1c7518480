/// Durable state of the endpoint table: what each cluster exports and at which generation.
///
/// Leases are not stored: a table restored from a store starts with every cluster stale until
/// its agent renews. Implementations must make each call atomic; the table serialises its
/// calls, stores them before it publishes, and publishes nothing when a call throws.
///
/// `previousGeneration` in each update lets a store shared by several replicas refuse a write
/// based on a state it no longer holds (compare and set); the answer path never sees the store.
public protocol EndpointStore: Sendable {
    /// Everything stored, for start-up.
    func load() throws -> [StoredCluster]
    /// Persists the outcome of one accepted snapshot or delta for one cluster.
    func save(_ update: StoredClusterUpdate) throws
    /// Forgets the cluster and everything it exports.
    func deleteCluster(_ id: ClusterID) throws
    /// The highest answer version the table may have handed out (0 when none was reserved): a
    /// restarted table starts above it, so the zones' SOA serials never go back.
    func reservedAnswerVersion() throws -> UInt64
    /// Records that the table may hand out answer versions up to `version`.
    func reserveAnswerVersions(through version: UInt64) throws
}
