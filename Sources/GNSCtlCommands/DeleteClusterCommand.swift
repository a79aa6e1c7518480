internal import ArgumentParser

/// `gnsctl delete-cluster ID`: forgets a cluster and everything it exports.
struct DeleteClusterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete-cluster", abstract: "Forget a cluster and everything it exports (admin token).")

    @ParentCommand var root: GNSCtlCommand

    @OptionGroup var argument: ClusterArgument

    func run() async throws {
        try await root.options.withClient { client in
            try await client.deleteCluster(argument.cluster)
            if root.options.output == .table {
                print("deleted cluster \(argument.cluster)")
            }
        }
    }
}
