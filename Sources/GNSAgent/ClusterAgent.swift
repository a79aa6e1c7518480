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

    init(source: any ExportSource, links: [any ReplicaLink], settings: AgentSettings, logger: Logger) {
        self.source = source
        self.pushers = links.map {
            ReplicaPusher(link: $0, heartbeat: settings.heartbeat, backoff: settings.backoff, logger: logger)
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
