import GNSClient

extension ClusterList: TextRendered {
    /// One row per cluster.
    var text: String {
        TextTable(
            header: ["CLUSTER", "REGION", "ZONE", "LABELS", "GENERATION", "LEASE", "EXPIRES", "ENDPOINTS"],
            rows: clusters.map { cluster in
                [
                    cluster.id, TextTable.cell(cluster.region), TextTable.cell(cluster.zone),
                    TextTable.list(cluster.labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }),
                    "\(cluster.generation)", cluster.lease, TextTable.seconds(cluster.leaseExpiresInSeconds), "\(cluster.endpoints)",
                ]
            }
        ).rendered
    }
}
