internal import ArgumentParser
internal import EndpointTable
internal import Foundation
internal import GNSAgent
internal import GNSDServer
internal import KubernetesSource
internal import Logging
internal import ServiceLifecycle

/// `gnsd agent`: pushes what one cluster exports, from a file or its Kubernetes API, to every
/// gnsd replica until SIGTERM or SIGINT.
struct AgentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agent",
        abstract: "Push one cluster's exports, from a file (health-checked) or its Kubernetes API, to every gnsd replica.")

    @Option(help: ArgumentHelp("The cluster's id, an RFC 1123 label such as aws-west.", valueName: "ID"))
    var cluster: String

    @Option(name: .customLong("server"), help: ArgumentHelp(
        "Base URL of a gnsd push API; repeat for every replica (default http://127.0.0.1:8053).", valueName: "URL"))
    var servers: [String] = []

    @Option(help: ArgumentHelp("The cluster's bearer token (default: $GNSD_AGENT_TOKEN, else none).", valueName: "TOKEN"))
    var token: String?

    @Option(help: ArgumentHelp("YAML or JSON file of the cluster's exports, re-read when it changes.", valueName: "PATH"))
    var file: String?

    @Flag(help: "Read the exports from the cluster's Kubernetes API (ServiceExports, Services, EndpointSlices) instead of a file.")
    var kubernetes = false

    @Option(help: ArgumentHelp("With --kubernetes: a kubeconfig file (default: the pod's service account).", valueName: "PATH"))
    var kubeconfig: String?

    @Option(help: ArgumentHelp("With --kubeconfig: the context to use (default: the current one).", valueName: "NAME"))
    var context: String?

    @Option(help: ArgumentHelp("With --kubernetes: only this namespace (default: all).", valueName: "NAMESPACE"))
    var namespace: String?

    @Option(help: ArgumentHelp("Seconds between heartbeats; a third of gnsd's lease (10 + 5 s by default).", valueName: "SECONDS"))
    var heartbeat: Double = 3

    @Option(help: ArgumentHelp("The cluster's region, sent with each snapshot for locality.", valueName: "REGION"))
    var region: String?

    @Option(help: ArgumentHelp("The cluster's zone, sent with each snapshot.", valueName: "ZONE"))
    var zone: String?

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel: String = "info"

    func run() async throws {
        guard let clusterID = ClusterID(cluster) else {
            throw Self.usage("--cluster: must be an RFC 1123 label: 1 to 63 characters of a-z, 0-9 and '-', got \(cluster.debugDescription)")
        }
        guard heartbeat >= 0.1, heartbeat <= 3600 else {
            throw Self.usage("--heartbeat: must be from 0.1 to 3600 seconds, got \(heartbeat)")
        }
        guard (file != nil) != kubernetes else {
            throw Self.usage("give exactly one source: --file PATH or --kubernetes")
        }
        guard kubernetes || (kubeconfig == nil && context == nil && namespace == nil) else {
            throw Self.usage("--kubeconfig, --context and --namespace go with --kubernetes")
        }
        guard context == nil || kubeconfig != nil else {
            throw Self.usage("--context names a context of the --kubeconfig file")
        }
        guard let level = Logger.Level(rawValue: logLevel) else {
            throw Self.usage("--log-level: must be one of \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")), got \(logLevel.debugDescription)")
        }
        let settings = AgentSettings(
            cluster: clusterID, servers: servers.isEmpty ? ["http://127.0.0.1:8053"] : servers,
            token: token ?? ProcessInfo.processInfo.environment["GNSD_AGENT_TOKEN"],
            info: ClusterInfo(region: region, zone: zone), heartbeat: .milliseconds(Int64((heartbeat * 1000).rounded())))
        let logger = LogSetup.bootstrap(level: level)
        let agent: ClusterAgent
        do {
            agent = try ClusterAgent(settings: settings, source: try source(logger: logger), logger: logger)
        } catch {
            FileHandleOutput.standardError("gnsd: \(error)")
            throw ExitCode(2)
        }
        OpenFileLimit.raiseSoftToHard(logger: logger)
        let group = ServiceGroup(services: [agent], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        do {
            try await group.run()
        } catch {
            logger.critical("agent stopped: \(error)")
            throw ExitCode.failure
        }
    }

    /// The file source, or the Kubernetes source with the connection the options name.
    private func source(logger: Logger) throws -> any ExportSource {
        if let file {
            return try FileExportSource(path: file, logger: logger)
        }
        let connection = try kubeconfig.map { try KubernetesConnection.kubeconfig(file: $0, context: context) } ?? .inCluster()
        return KubernetesExportSource(connection: connection, logger: logger, namespace: namespace)
    }

    /// Prints `message` as one line and ends with exit status 2.
    private static func usage(_ message: String) -> ExitCode {
        FileHandleOutput.standardError("gnsd: \(message)")
        return ExitCode(2)
    }
}
