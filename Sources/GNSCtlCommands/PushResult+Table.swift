import GNSClient

extension PushResult: TextRendered {
    /// The accepted change in one row, then a line on the withdrawals held, if any.
    var text: String {
        let table = TextTable(
            header: ["CLUSTER", "GENERATION", "VERSION", "EXPIRES"],
            rows: [[cluster, "\(generation)", "\(version)", TextTable.seconds(leaseExpiresInSeconds)]]
        ).rendered
        guard let held = heldWithdrawals else { return table }
        return table
            + "withdrawals held: \(held.endpoints) endpoints of \(held.services.joined(separator: ", ")) still answered; "
            + "they apply in \(TextTable.seconds(held.releaseInSeconds)) (gnsctl release \(cluster) applies them now)\n"
    }
}
