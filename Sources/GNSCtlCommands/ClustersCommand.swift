internal import ArgumentParser

/// `gnsctl clusters`: every cluster with its lease.
struct ClustersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clusters", abstract: "List the clusters: region, generation, lease and endpoints.")

    @ParentCommand var root: GNSCtlCommand

    func run() async throws {
        try await root.options.show { try await $0.clusters() }
    }
}
