internal import ArgumentParser

/// `gnsctl services`: every service, one row per exporting cluster.
struct ServicesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "services", abstract: "List the services, one row per cluster exporting each.")

    @ParentCommand var root: GNSCtlCommand

    func run() async throws {
        try await root.options.show { try await $0.services() }
    }
}
