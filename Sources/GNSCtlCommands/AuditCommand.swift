internal import ArgumentParser
import GNSModel

/// `gnsctl audit`: the audit trail of writes to gnsd.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Show the audit trail: every write accepted or refused, oldest first (admin token).")

    @ParentCommand var root: GNSCtlCommand

    @Option(help: "Only the writes to this cluster.", transform: ClusterID.parse)
    var cluster: ClusterID?

    @Option(help: ArgumentHelp("Only writes from this time on, such as 2026-12-07T10:00:00Z.", valueName: "TIME"))
    var since: String?

    @Option(help: ArgumentHelp("Only writes up to this time.", valueName: "TIME"))
    var until: String?

    @Option(help: "The newest this many writes (1 to 10000).")
    var limit: Int = 100

    func run() async throws {
        try await root.options.show { try await $0.audit(cluster: cluster, since: since, until: until, limit: limit) }
    }
}
