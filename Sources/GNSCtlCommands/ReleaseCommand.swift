internal import ArgumentParser

/// `gnsctl release ID`: applies at once the withdrawals the guard holds for a cluster.
struct ReleaseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "release",
        abstract: "Apply at once the withdrawals the guard holds for a cluster (admin token).",
        discussion: "A push withdrawing too much at once is held for withdrawal-guard.hold seconds; this ends the hold now.")

    @ParentCommand var root: GNSCtlCommand

    @OptionGroup var argument: ClusterArgument

    func run() async throws {
        try await root.options.show { client in try await client.releaseWithdrawals(of: argument.cluster) }
    }
}
