internal import ArgumentParser
internal import Foundation
internal import GNSAgent
internal import GNSDServer
internal import Logging

/// `gnsd agent`: pushes what one cluster exports, from a file or its Kubernetes API, to every
/// gnsd replica until SIGTERM or SIGINT.
struct AgentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agent",
        abstract: "Push one cluster's exports, from a file (health-checked) or its Kubernetes API, to every gnsd replica.")

    @Option(help: ArgumentHelp("The cluster's id, an RFC 1123 label such as aws-west.", valueName: "ID"))
    var cluster: String

    @Option(
        name: .customLong("server"),
        help: ArgumentHelp(
            "Base URL of a gnsd push API; repeat for every replica (default http://127.0.0.1:8053).", valueName: "URL"))
    var servers: [String] = []

    @Option(help: ArgumentHelp("The cluster's bearer token (default: $GNSD_AGENT_TOKEN, else none).", valueName: "TOKEN"))
    var token: String?

    @Option(
        name: .customLong("ca-file"),
        help: ArgumentHelp(
            "CA certificates (PEM) gnsd's https:// certificate must chain to (default: $GNSD_AGENT_CA_FILE, else the system's).", valueName: "PATH"))
    var caFile: String?

    @Option(
        name: .customLong("client-certificate"),
        help: ArgumentHelp(
            "The cluster's client certificate (PEM) for gnsd's mutual TLS (default: $GNSD_AGENT_CLIENT_CERTIFICATE).", valueName: "PATH"))
    var clientCertificate: String?

    @Option(
        name: .customLong("client-key"), help: ArgumentHelp("The client certificate's key (PEM; default: $GNSD_AGENT_CLIENT_KEY).", valueName: "PATH")
    )
    var clientKey: String?

    @Flag(
        name: .customLong("allow-plaintext-token"),
        help: "Send the token to http:// servers beyond loopback, in clear text (only behind a TLS proxy).")
    var allowPlaintextToken = false

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

    @Option(
        help: ArgumentHelp(
            "Confirm withdrawals gnsd holds (its withdrawal guard) once the source has kept the state this long; off by default.",
            valueName: "SECONDS"))
    var confirmWithdrawalsAfter: Double?

    @Option(help: ArgumentHelp("The cluster's region, sent with each snapshot for locality.", valueName: "REGION"))
    var region: String?

    @Option(help: ArgumentHelp("The cluster's zone, sent with each snapshot.", valueName: "ZONE"))
    var zone: String?

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel: String = "info"

    @Option(name: .customLong("log-format"), help: "text (default) or json: one JSON object per line.")
    var logFormat: String = "text"

    func run() async throws {
        guard let level = Logger.Level(rawValue: logLevel) else {
            throw Self.usage(
                "--log-level: must be one of \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")), got \(logLevel.debugDescription)")
        }
        guard let format = LogFormat(rawValue: logFormat) else {
            throw Self.usage("--log-format: must be text or json, got \(logFormat.debugDescription)")
        }
        var options = AgentOptions(cluster: cluster)
        options.servers = servers
        options.token = token
        options.caFile = caFile
        options.clientCertificate = clientCertificate
        options.clientKey = clientKey
        options.allowsPlaintextToken = allowPlaintextToken
        options.file = file
        options.kubernetes = kubernetes
        options.kubeconfig = kubeconfig
        options.context = context
        options.namespace = namespace
        options.heartbeatSeconds = heartbeat
        options.confirmWithdrawalsAfterSeconds = confirmWithdrawalsAfter
        options.region = region
        options.zone = zone
        let logger = LogSetup.bootstrap(label: "gnsd-agent", level: level, format: format)
        let application: AgentApplication
        do {
            application = try AgentApplication(options: options, environment: ProcessInfo.processInfo.environment, logger: logger)
        } catch {
            throw Self.usage(error.description)
        }
        OpenFileLimit.raiseSoftToHard(logger: logger)
        do {
            try await application.run()
        } catch let error as AgentStartError {
            throw Self.usage(error.description)
        } catch {
            logger.critical("agent stopped: \(error)")
            throw ExitCode.failure
        }
    }

    /// Prints `message` as one line and ends with exit status 2.
    private static func usage(_ message: String) -> ExitCode {
        FileHandleOutput.standardError("gnsd: \(message)")
        return ExitCode(2)
    }
}
