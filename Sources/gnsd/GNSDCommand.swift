internal import ArgumentParser
internal import GNSD

/// `gnsd`: the global name server daemon.
@main
struct GNSDCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gnsd",
        abstract: "Authoritative DNS for cross-cluster service discovery.",
        version: GNSDVersion.current,
        subcommands: [ServeCommand.self, CheckZonesCommand.self, AgentCommand.self],
        defaultSubcommand: ServeCommand.self)
}
