internal import GNSClient
internal import GNSModel
public import Logging
public import ServiceLifecycle

/// The cluster agent: runs an ``ExportSource`` and keeps every gnsd replica in sync with what it
/// publishes, one independent pusher per replica. A `Service`: graceful shutdown stops it.
///
///     let agent = try ClusterAgent(settings: settings, source: FileExportSource(path: "exports.yaml", logger: logger), logger: logger)
///     try await ServiceGroup(services: [agent], gracefulShutdownSignals: [.sigterm], logger: logger).run()
public struct ClusterAgent: Service {
    private let source: any ExportSource
    private let pushers: [ReplicaPusher]
    private let logger: Logger

    /// An agent pushing what `source` publishes to every server of `settings`; throws
    /// `GNSClientError.invalidServer` for a server that is not an `http://` or `https://` URL,
    /// `.invalidTLS` for TLS files that cannot be used, `.plaintextToken` for a token that would
    /// cross the network in clear text.
    public init(settings: AgentSettings, source: any ExportSource, logger: Logger) throws {
        var links: [any ReplicaLink] = []
        for server in settings.servers {
            let client = try GNSClient(
                server: server, token: settings.token, tls: settings.tls, allowsPlaintextToken: settings.allowsPlaintextToken,
                timeout: settings.requestTimeout)
            links.append(GNSClientLink(client: client, cluster: settings.cluster, info: settings.info))
        }
        self.init(source: source, links: links, settings: settings, logger: logger)
    }

    init(source: any ExportSource, links: [any ReplicaLink], settings: AgentSettings, logger: Logger) {
        self.source = source
        self.pushers = links.map {
            ReplicaPusher(
                link: $0, heartbeat: settings.heartbeat, backoff: settings.backoff, confirmWithdrawalsAfter: settings.confirmWithdrawalsAfter,
                logger: logger)
        }
        self.logger = logger
    }

    /// Runs the source and the pushers until graceful shutdown or cancellation; an error of the
    /// source stops the agent with it.
    public func run() async throws {
        logger.info("agent started", metadata: ["servers": "\(pushers.map(\.link.name).joined(separator: ", "))"])
        do {
            try await cancelWhenGracefulShutdown {
                try await withThrowingDiscardingTaskGroup { group in
                    for pusher in pushers {
                        group.addTask { await pusher.run() }
                    }
                    group.addTask {
                        try await source.run { exports, resync in
                            for pusher in pushers {
                                pusher.mailbox.post(exports, resync: resync)
                            }
                        }
                    }
                }
            }
        } catch {
            await shutdown()
            throw error
        }
        await shutdown()
    }

    private func shutdown() async {
        for pusher in pushers {
            await pusher.link.shutdown()
        }
        logger.info("agent stopped")
    }
}
