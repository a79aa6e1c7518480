/// One cluster as a store holds it: everything but its lease.
public struct StoredCluster: Hashable, Sendable {
    public var id: ClusterID
    public var info: ClusterInfo
    public var generation: UInt64
    /// The cluster's exports, one per service key.
    public var exports: [ServiceExport]
    /// When the cluster started exporting each service, on the table's export clock; a service
    /// missing here counts as exported at `.zero`, the oldest, and stores list no time that is `.zero`.
    public var firstExported: [ServiceKey: Duration]

    public init(id: ClusterID, info: ClusterInfo, generation: UInt64, exports: [ServiceExport], firstExported: [ServiceKey: Duration] = [:]) {
        self.id = id
        self.info = info
        self.generation = generation
        self.exports = exports
        self.firstExported = firstExported
    }
}

extension Duration {
    /// This first-export time as the table and the stores list it: `nil` for `.zero`, which a
    /// missing time means anyway, so equal states compare equal.
    var listedFirstExport: Duration? {
        self == .zero ? nil : self
    }
}
