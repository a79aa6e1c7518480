import GNSClient

extension PushResult: TextRendered {
    /// The accepted change in one row.
    var text: String {
        TextTable(
            header: ["CLUSTER", "GENERATION", "VERSION", "EXPIRES"],
            rows: [[cluster, "\(generation)", "\(version)", TextTable.seconds(leaseExpiresInSeconds)]]
        ).rendered
    }
}
