import EndpointTable

/// What the model-based test compares between the table and the model after every step.
struct TableObservation: Equatable {
    var version: UInt64
    var clusters: [ClusterID: ClusterState]
    var exports: [ClusterID: [ServiceKey: ServiceExport]]
    /// The keys with at least one export.
    var services: Set<ServiceKey>
    /// `service@cluster` → addresses of the ready endpoints.
    var readyAddresses: [String: Set<IPAddress>]
    var nextLeaseExpiry: Duration?

    init(
        version: UInt64, clusters: [ClusterID: ClusterState], exports: [ClusterID: [ServiceKey: ServiceExport]], services: Set<ServiceKey>,
        readyAddresses: [String: Set<IPAddress>], nextLeaseExpiry: Duration?
    ) {
        self.version = version
        self.clusters = clusters
        self.exports = exports
        self.services = services
        self.readyAddresses = readyAddresses
        self.nextLeaseExpiry = nextLeaseExpiry
    }

    init(_ table: EndpointTable) {
        let snapshot = table.snapshot
        self.init(
            version: snapshot.version,
            clusters: Dictionary(uniqueKeysWithValues: snapshot.clusters.map { ($0.key, $0.value) }),
            exports: Dictionary(
                uniqueKeysWithValues: snapshot.clusters.keys.map { id in
                    (id, Dictionary(uniqueKeysWithValues: snapshot.exports(of: id).map { ($0.key, $0.value) }))
                }),
            services: Set(snapshot.services.keys),
            readyAddresses: Fixtures.readyAddresses(snapshot),
            nextLeaseExpiry: table.nextDeadline
        )
    }
}
