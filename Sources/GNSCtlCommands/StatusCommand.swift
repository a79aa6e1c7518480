internal import ArgumentParser
internal import GNSModel

/// `gnsctl status`: the server at a glance.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show gnsd's version, uptime, zones and their last reload, clusters by lease state, and query and push rates.")

    @ParentCommand var root: GNSCtlCommand

    func run() async throws {
        try await root.options.show { try await $0.status() }
    }
}

/// `gnsctl zones`: the zones gnsd serves.
struct ZonesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "zones", abstract: "List the zones gnsd serves with their serials and record counts.")

    @ParentCommand var root: GNSCtlCommand

    func run() async throws {
        try await root.options.show { ZoneList(zones: try await $0.status().zones) }
    }
}

/// `gnsctl version`: gnsctl's version and the server's.
struct VersionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "version", abstract: "Print gnsctl's version, then the version of the gnsd it talks to.")

    @ParentCommand var root: GNSCtlCommand

    func run() async throws {
        try await root.options.show { Versions(gnsctl: GNSDVersion.current, gnsd: try await $0.version().version) }
    }
}
