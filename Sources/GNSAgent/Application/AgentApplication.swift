internal import GNSClient
internal import GNSModel
internal import KubernetesSource
public import Logging
internal import ServiceLifecycle
public import UnixSignals

/// `gnsd agent` assembled: the checked options as ``AgentSettings``, the export source they name
/// (a file, or the cluster's Kubernetes API) and, when it runs, the ``ClusterAgent`` pushing
/// what the source publishes to every replica, in one service group until SIGTERM or SIGINT.
///
///     let application = try AgentApplication(options: options, logger: logger)
///     try await application.run()
public struct AgentApplication: Sendable {
    /// The default push API when no `--server` is given.
    public static let defaultServer = "http://127.0.0.1:8053"
    /// The environment variable that holds the token when no `--token` is given.
    public static let tokenVariable = "GNSD_AGENT_TOKEN"
    /// The environment variables that name the TLS files when no option does.
    public static let caFileVariable = "GNSD_AGENT_CA_FILE"
    public static let clientCertificateVariable = "GNSD_AGENT_CLIENT_CERTIFICATE"
    public static let clientKeyVariable = "GNSD_AGENT_CLIENT_KEY"

    /// What the agent pushes where, and how often.
    public let settings: AgentSettings
    let source: any ExportSource
    private let logger: Logger

    /// Checks `options` (`environment` supplies the token and TLS files when none is given) and makes the
    /// source; throws ``AgentStartError``.
    public init(options: AgentOptions, environment: [String: String], logger: Logger) throws(AgentStartError) {
        settings = try Self.settings(from: options, environment: environment)
        do {
            source = try Self.source(options, logger: logger)
        } catch {
            throw .setup("\(error)")
        }
        self.logger = logger
    }

    /// Connects to every server and runs the agent until SIGTERM or SIGINT (or cancellation)
    /// stops it gracefully. Throws ``AgentStartError/setup(_:)`` when a server is not a push API
    /// URL, else what stopped the agent.
    public func run(gracefulShutdownSignals: [UnixSignal] = [.sigterm, .sigint]) async throws {
        let agent: ClusterAgent
        do {
            agent = try ClusterAgent(settings: settings, source: source, logger: logger)
        } catch {
            throw AgentStartError.setup("\(error)")
        }
        try await ServiceGroup(services: [agent], gracefulShutdownSignals: gracefulShutdownSignals, logger: logger).run()
    }

    /// The settings `options` give, or the usage error of the first option that is wrong.
    static func settings(from options: AgentOptions, environment: [String: String]) throws(AgentStartError) -> AgentSettings {
        guard let cluster = ClusterID(options.cluster) else {
            throw .usage("--cluster: \(DNSLabel.rule), got \(options.cluster.debugDescription)")
        }
        guard options.heartbeatSeconds >= 0.1, options.heartbeatSeconds <= 3600 else {
            throw .usage("--heartbeat: must be from 0.1 to 3600 seconds, got \(options.heartbeatSeconds)")
        }
        if let confirm = options.confirmWithdrawalsAfterSeconds, !(1...3600).contains(confirm) {
            throw .usage("--confirm-withdrawals-after: must be from 1 to 3600 seconds, got \(confirm)")
        }
        guard (options.file != nil) != options.kubernetes else {
            throw .usage("give exactly one source: --file PATH or --kubernetes")
        }
        guard options.kubernetes || (options.kubeconfig == nil && options.context == nil && options.namespace == nil) else {
            throw .usage("--kubeconfig, --context and --namespace go with --kubernetes")
        }
        guard options.context == nil || options.kubeconfig != nil else {
            throw .usage("--context names a context of the --kubeconfig file")
        }
        return AgentSettings(
            cluster: cluster, servers: options.servers.isEmpty ? [defaultServer] : options.servers,
            token: options.token ?? environment[tokenVariable],
            tls: ClientTLS(
                caFile: options.caFile ?? environment[caFileVariable],
                certificate: options.clientCertificate ?? environment[clientCertificateVariable],
                key: options.clientKey ?? environment[clientKeyVariable]),
            allowsPlaintextToken: options.allowsPlaintextToken, info: ClusterInfo(region: options.region, zone: options.zone),
            heartbeat: .milliseconds(Int64((options.heartbeatSeconds * 1000).rounded())),
            confirmWithdrawalsAfter: options.confirmWithdrawalsAfterSeconds.map { .milliseconds(Int64(($0 * 1000).rounded())) })
    }

    /// The file source, or the Kubernetes source with the connection the options name.
    private static func source(_ options: AgentOptions, logger: Logger) throws -> any ExportSource {
        if let file = options.file {
            return try FileExportSource(path: file, logger: logger)
        }
        let connection = try options.kubeconfig.map { try KubernetesConnection.kubeconfig(file: $0, context: options.context) } ?? .inCluster()
        return KubernetesExportSource(connection: connection, logger: logger, namespace: options.namespace)
    }
}
