import GNSClient

extension ClusterList: TextRendered {
    /// One row per cluster; a lease damping holds says until when, HELD counts the endpoints
    /// whose withdrawal the guard holds and when they apply.
    var text: String {
        TextTable(
            header: ["CLUSTER", "REGION", "ZONE", "LABELS", "GENERATION", "LEASE", "EXPIRES", "ENDPOINTS", "HELD"],
            rows: clusters.map { cluster in
                [
                    cluster.id, TextTable.cell(cluster.region), TextTable.cell(cluster.zone),
                    TextTable.list(cluster.labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }),
                    "\(cluster.generation)",
                    cluster.lease + (cluster.dampingHoldEndsInSeconds.map { " (damped \(TextTable.seconds($0)))" } ?? ""),
                    TextTable.seconds(cluster.leaseExpiresInSeconds), "\(cluster.endpoints)",
                    cluster.heldWithdrawals.map { "\($0.endpoints) for \(TextTable.seconds($0.releaseInSeconds))" } ?? "-",
                ]
            }
        ).rendered
    }
}
