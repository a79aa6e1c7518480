internal import ArgumentParser

/// `gnsctl exports ID`: what one cluster exports, one row per endpoint.
struct ExportsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exports", abstract: "List what a cluster exports, one row per endpoint.")

    @ParentCommand var root: GNSCtlCommand

    @OptionGroup var argument: ClusterArgument

    func run() async throws {
        try await root.options.show { try await $0.exports(of: argument.cluster) }
    }
}
