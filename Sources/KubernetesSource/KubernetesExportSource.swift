public import GNSModel
public import Logging

/// What a cluster exports according to its Kubernetes API: ServiceExports joined with their Services and EndpointSlices.
///
///     let source = KubernetesExportSource(connection: try .inCluster(), logger: logger)
///     try await source.run { exports, resync in logger.info("\(exports.count) exports, full snapshot: \(resync)") }
public struct KubernetesExportSource: Sendable {
    let connection: KubernetesConnection
    let logger: Logger
    /// The namespace watched, or `nil` for all.
    let namespace: String?
    let timing: KubernetesWatchTiming

    /// A source reading through `connection`, from every namespace or only `namespace`.
    public init(connection: KubernetesConnection, logger: Logger, namespace: String? = nil, timing: KubernetesWatchTiming = KubernetesWatchTiming()) {
        self.connection = connection
        self.logger = logger
        self.namespace = namespace
        self.timing = timing
    }

    /// Runs until cancelled, calling `publish` with the complete set of exports each time it changes; `resync` is true for
    /// the first state and after every relist (410 Gone, watch failure), so the agent pushes a full snapshot.
    /// The first call comes once all three kinds are listed; failures are logged and retried, never thrown.
    public func run(publish: @escaping @Sendable (_ exports: [ServiceExport], _ resync: Bool) async -> Void) async throws {
        if connection.skipsTLSVerification {
            logger.warning("the API server's certificate is not verified (insecure-skip-tls-verify)", metadata: ["server": "\(connection.server)"])
        }
        let http = KubernetesClient.makeHTTPClient(for: connection, timing: timing)
        let client = KubernetesClient(http: http, connection: connection, timing: timing, namespace: namespace)
        let aggregator = ExportAggregator()
        await withDiscardingTaskGroup { group in
            group.addTask {
                await reflector(.serviceExports, client) { aggregator.apply($0, to: \.serviceExports) }.run()
            }
            group.addTask {
                await reflector(.services, client) { aggregator.apply($0, to: \.services) }.run()
            }
            group.addTask {
                await reflector(.endpointSlices, client) { aggregator.apply($0, to: \.endpointSlices) }.run()
            }
            group.addTask {
                await publishChanges(of: aggregator, to: publish)
            }
        }
        try await http.shutdown()
    }

    private func reflector<Object: KubernetesObject>(
        _ resource: KubernetesResource,
        _ client: KubernetesClient,
        apply: @escaping @Sendable (ResourceUpdate<Object>) -> Void
    ) -> Reflector<Object> {
        Reflector(
            resource: resource, client: client, backoff: timing.backoff, emptyListConfirmation: timing.emptyListConfirmation, logger: logger,
            apply: apply)
    }

    /// After each burst of changes (once `debounce` has passed), joins the objects and publishes the exports when they
    /// differ from the last ones published or a relist asks for a resync.
    private func publishChanges(of aggregator: ExportAggregator, to publish: @Sendable ([ServiceExport], Bool) async -> Void) async {
        var published: [ServiceExport]?
        var skipped: [ObjectKey: String] = [:]
        for await _ in aggregator.changes {
            guard (try? await Task.sleep(for: timing.debounce)) != nil else { return }
            guard let (objects, resync) = aggregator.take() else { continue }
            let outcome = ExportJoin.outcome(of: objects)
            for (key, reason) in outcome.skipped.sorted(by: { $0.key < $1.key }) where skipped[key] != reason {
                logger.debug("ServiceExport not published: \(reason)", metadata: ["service": "\(key)"])
            }
            skipped = outcome.skipped
            guard resync || outcome.exports != published else { continue }
            published = outcome.exports
            logger.debug("publishing exports", metadata: ["services": "\(outcome.exports.count)", "resync": "\(resync)"])
            await publish(outcome.exports, resync)
        }
    }
}
