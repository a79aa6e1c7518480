internal import ArgumentParser
import GNSModel

/// `gnsctl explain NAME`: what DNS answers for a name and client, and why.
struct ExplainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain", abstract: "Show what DNS answers for a name, type and client now, and why.")

    @ParentCommand var root: GNSCtlCommand

    @Argument(help: "The domain name, such as catalog.acme.local.")
    var name: String

    @Option(help: ArgumentHelp("The client's address, which places it in a cluster.", valueName: "IP"), transform: Self.address)
    var client: IPAddress?

    @Option(help: ArgumentHelp("The query type: A, AAAA, SRV, TXT, ... or TYPEnnn.", valueName: "TYPE"))
    var type: String = "A"

    func run() async throws {
        try await root.options.show { try await $0.explain(name: name, type: type, client: client) }
    }

    private static func address(_ text: String) throws -> IPAddress {
        guard let address = IPAddress(text) else {
            throw ValidationError("must be an IPv4 or IPv6 address")
        }
        return address
    }
}
