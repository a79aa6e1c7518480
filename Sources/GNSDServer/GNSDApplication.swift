public import Authority
internal import DNSServer
public import EndpointTable
internal import Foundation
public import Logging
public import NIOCore
internal import NIOPosix
internal import PushAPI
internal import QueryLog
public import ServerMetrics
internal import ServerTLS
internal import ServiceLifecycle
internal import ZoneTransfer

/// gnsd assembled from its configuration: the zones, the endpoint table, the answer path, the
/// DNS listeners, the lease monitor and the zone reloader, run as one `ServiceGroup`. The
/// `gnsd serve` command and the tests build the same.
///
///     let app = try GNSDApplication(configuration: Configuration(), logger: logger)
///     try await app.run()
public final class GNSDApplication: Sendable {
    public let configuration: Configuration
    /// The zone set being served; reloads publish through it.
    public let zones: ZoneSetPublisher
    /// The health-aware endpoint table the agents push to.
    public let table: EndpointTable
    /// Answers (and explains) every name gnsd serves.
    public let answerSource: Authority.AnswerSource
    /// DNS and push metrics, rendered by `GET /metrics`.
    public let metrics: GNSDMetrics
    private let dnsServer: DNSServer
    private let reloader: ZoneReloader
    private let apiPort = BoundPort()
    private let services: [any Service]
    private let signals: ProcessSignals?
    /// Held for as long as the application lives, so that no other gnsd opens the same state.
    private let dataFolderLock: DataFolderLock?
    private let logger: Logger

    /// Traps the signals, locks the data folder, raises the open-files limit (``OpenFileLimit``),
    /// loads the zones and the stored table and prepares every service; nothing listens before ``run()``.
    /// - Parameters:
    ///   - clock: the lease clock; tests pass a manual one.
    ///   - handlesSignals: trap SIGTERM/SIGINT (graceful shutdown) and SIGHUP (zone reload) before
    ///     anything loads (see ``ProcessSignals``); off when embedded in tests.
    ///   - configurationFile: the file `configuration` was read from, for the start-up line;
    ///     `nil` for the built-in defaults.
    /// - Throws: ``DataFolderLockError`` when another gnsd holds the data folder; configuration,
    ///   zone and state errors.
    public init(
        configuration: Configuration, logger: Logger, clock: any LeaseClock = SystemLeaseClock(), handlesSignals: Bool = true,
        configurationFile: String? = nil
    ) throws {
        let startedAt = ContinuousClock.now
        let signals = handlesSignals ? ProcessSignals() : nil
        try configuration.validate()
        let dataFolderLock = try configuration.data.directory.map { directory throws(DataFolderLockError) in
            try DataFolderLock(directory: directory)
        }
        logger.info(
            "gnsd \(GNSDVersion.current) starting",
            metadata: [
                "pid": "\(ProcessInfo.processInfo.processIdentifier)",
                "config": "\(configurationFile ?? "none (no \(Configuration.defaultFiles.joined(separator: " nor "))): built-in defaults")",
            ])
        let openFiles = OpenFileLimit.raiseSoftToHard(logger: logger)?.soft ?? 1024
        let plan = try ZoneCatalog.plan(for: configuration)
        logger.info("zones loaded", metadata: plan.zoneSet.summaryMetadata)
        if configuration.globalNamespaces.isEmpty {
            logger.notice(
                "no global namespace configured: only MCS names under the clusterset domain answer from pushed exports; the other zones are static",
                metadata: ["static-zones": "\(plan.staticZoneNames.joined(separator: ", "))"])
        }
        if let domain = plan.unservedClustersetDomain {
            logger.warning("no zone file for \(domain): MCS names are not served", metadata: ["zones": "\(configuration.zones.directory)"])
        }
        let zones = ZoneSetPublisher(plan.zoneSet)
        let store = try Self.store(configuration.data, logger: logger)
        let restoreStarted = ContinuousClock.now
        let table = try EndpointTable(
            store: store, clock: clock,
            settings: TableSettings(
                leaseDuration: .seconds(configuration.leases.durationSeconds),
                leaseGrace: .seconds(configuration.leases.graceSeconds),
                maxEndpointsPerCluster: configuration.api.maxEndpointsPerCluster,
                expireAfter: configuration.leases.expireAfterSeconds.map { .seconds($0) },
                damping: configuration.leases.damping.map {
                    LeaseDamping(lapses: $0.lapses, window: .seconds($0.windowSeconds), hold: .seconds($0.holdSeconds))
                },
                withdrawalGuard: configuration.withdrawalGuard.map {
                    WithdrawalGuard(share: Double($0.sharePercent) / 100, hold: .seconds($0.holdSeconds))
                }))
        Self.logRestoredState(table.snapshot, from: configuration.data, took: ContinuousClock.now - restoreStarted, logger: logger)
        let answerSource = Authority.AnswerSource(zones: zones, table: { table.snapshot }, settings: plan.discovery)
        let dns = configuration.dns
        let metrics = GNSDMetrics()
        metrics.recordZoneLoad(plan.zoneSet, at: Date().timeIntervalSince1970, isReload: false)
        let udpWorkers = dns.udpWorkers ?? System.coreCount
        let responder = QueryResponder(
            answerSource: answerSource,
            settings: ResponderSettings(
                maxUDPPayload: dns.maxUDPPayload,
                nsid: dns.nsid.map { Array($0.utf8) },
                cookieSecret: dns.cookieSecret ?? (0..<16).map { _ in UInt8.random(in: .min ... .max) },
                cookieRotationSeconds: dns.cookieRotationSeconds, rateLimit: configuration.udpRateLimit,
                answerCopyBytesPerWorker: dns.answerCacheBytes / (dns.listen.count * udpWorkers),
                serverIdentity: ServerIdentity(identity: dns.identity, version: dns.version)),
            observer: metrics
        ) {
            UInt32(truncatingIfNeeded: Int(Date().timeIntervalSince1970))
        }
        let apiTLS = try configuration.api.tls.map { tls throws(TLSFileError) in
            try ReloadingTLSContext(
                files: tls.files, clientAuthentication: tls.clientAuthentication, applicationProtocols: ["http/1.1"], logger: logger)
        }
        let dotTLS = try configuration.dotFiles.map { files throws(TLSFileError) in
            try ReloadingTLSContext(files: files, clientAuthentication: .optional, applicationProtocols: ["dot"], logger: logger)
        }
        for (listener, context) in [("api", apiTLS), ("dot", dotTLS)] {
            if let context {
                metrics.watchCertificates(of: context, listener: listener)
            }
        }
        let dnsOverTLS = try dotTLS.map { context in
            DNSOverTLS(
                listen: try (configuration.dns.tls?.listen ?? []).map { try SocketAddress(ipAddress: $0.host, port: $0.port) }, context: context,
                handshakeFailed: { reason in metrics.recordHandshakeFailure(listener: "dot", reason: reason) })
        }
        let transferKeys = try configuration.transfer.tsigKeys()
        let journal =
            configuration.transfer.isEnabled
            ? TransferJournal(answerSource: answerSource, maxRecords: configuration.transfer.journalRecords, observer: metrics) : nil
        let unixTime: @Sendable () -> UInt64 = { UInt64(max(0, Date().timeIntervalSince1970)) }
        let transfers = ZoneTransferResponder(
            journal: journal, access: try configuration.transfer.access(keys: transferKeys), keys: transferKeys, observer: metrics,
            logger: logger, now: unixTime)
        let queryLog = configuration.queryLog.settings.isEnabled ? QueryLog(settings: configuration.queryLog.settings, logger: logger) : nil
        if let queryLog {
            metrics.watchQueryLog(queryLog)
        }
        let serving = ServingResponder(queries: responder, transfers: transfers)
        let dnsResponder: any DNSResponder = if let queryLog { QueryLoggingResponder(answering: serving, log: queryLog) } else { serving }
        let dnsServer = DNSServer(
            configuration: DNSServerConfiguration(
                listen: try dns.listen.map { try SocketAddress(ipAddress: $0.host, port: $0.port) },
                udpReceiveBufferSize: dns.udpReceiveBufferBytes,
                udpWorkers: udpWorkers,
                tcpIdleTimeout: .seconds(Int64(dns.tcpIdleTimeoutSeconds)),
                tcpMessageTimeout: .seconds(Int64(dns.tcpMessageTimeoutSeconds)),
                tcpMaxConnections: dns.tcpMaxConnections,
                tcpMaxConnectionsPerClient: dns.tcpMaxConnectionsPerClient,
                tcpMaxQueriesInFlight: dns.tcpMaxQueriesInFlight),
            responder: dnsResponder,
            eventLoopGroup: Self.dnsEventLoops, dnsOverTLS: dnsOverTLS, logger: logger)
        metrics.watchTCPConnections { dnsServer.openTCPConnections }
        metrics.watchAnswerCopies(responder.answerCopyStatistics)
        if configuration.isOpen {
            logger.notice("push API without tokens: every request is allowed (loopback only)", metadata: ["listen": "\(configuration.api.listen)"])
        }
        let dnsBound = BoundPort()
        let apiPort = self.apiPort
        let audit = try AuditTrail(settings: configuration.audit.trail, store: store as? any AuditStore, logger: logger)
        let reloader = ZoneReloader(
            configuration: configuration, publisher: zones, reloadRequests: signals?.reloadRequests, metrics: metrics, logger: logger)
        let api = PushAPI(
            settings: try APISettings(configuration: configuration), table: table, answerSource: answerSource, clock: clock,
            metrics: metrics, audit: audit, logger: logger,
            statusSource: StatusSource(startedAt: startedAt, lastZoneReload: { reloader.lastReload }), isReady: { dnsBound.isBound })
        let limits = HTTPServerLimits(configuration: configuration, openFiles: openFiles)
        if limits.maxConnections < configuration.api.maxConnections {
            logger.notice(
                "push API connections limited to \(limits.maxConnections), half the open-files limit \(openFiles)",
                metadata: ["api.max-connections": "\(configuration.api.maxConnections)"])
        }
        let apiService = PushAPIListener(
            name: "the push API",
            server: api.buildApplication(limits: limits, tls: apiTLS) { port in
                logger.info("push API listening", metadata: ["address": "\(configuration.api.listen.host):\(port)"])
                apiPort.announce(.success(port))
            }, address: configuration.api.listen.description, dnsServer: dnsServer, port: apiPort)
        self.configuration = configuration
        self.zones = zones
        self.metrics = metrics
        self.table = table
        self.answerSource = answerSource
        self.dnsServer = dnsServer
        self.reloader = reloader
        // The query log comes first, so that it stops last, after the listeners that feed it.
        var services: [any Service] = queryLog.map { [QueryLogService(log: $0)] } ?? []
        services += [
            reloader, LeaseMonitor(table: table, clock: clock, maxSleep: .seconds(1), logger: logger), dnsServer,
            ReadinessProbe(dnsServer: dnsServer, dnsBound: dnsBound), apiService, AuditFlusher(trail: audit, interval: .seconds(1)),
            ActivitySampler(meter: metrics.activityMeter, interval: .seconds(5)),
        ]
        let notifyTargets = try configuration.transfer.notifyTargets(keys: transferKeys)
        if let journal, !notifyTargets.isEmpty {
            services.append(
                NotifySender(
                    journal: journal, targets: notifyTargets, interval: .milliseconds(configuration.transfer.notifyIntervalMilliseconds),
                    observer: metrics, eventLoopGroup: MultiThreadedEventLoopGroup.singleton, logger: logger, now: unixTime))
        }
        if let metricsListen = configuration.api.metricsListen {
            let metricsPort = BoundPort()
            services.append(
                PushAPIListener(
                    name: "the metrics listener",
                    server: api.buildMetricsApplication(host: metricsListen.host, port: metricsListen.port) { port in
                        logger.info("metrics listening", metadata: ["address": "\(metricsListen.host):\(port)"])
                        metricsPort.announce(.success(port))
                    }, address: metricsListen.description, dnsServer: dnsServer, port: metricsPort))
        }
        let tlsContexts = [apiTLS, dotTLS].compactMap { $0 }
        if !tlsContexts.isEmpty {
            services.append(CertificateReloader(contexts: tlsContexts, interval: .seconds(1), reloadRequests: signals?.certificateReloadRequests))
        }
        self.services = services
        self.signals = signals
        self.dataFolderLock = dataFolderLock
        self.logger = logger
    }

    /// The event loops of DNS over TCP, apart from the singleton ones that the push API's
    /// handlers and every other task of `gnsd serve` run on, so that none of those (a zone
    /// reload, a large `GET`) holds up a DNS answer. Shared by every application in the process.
    private static let dnsEventLoops = MultiThreadedEventLoopGroup(numberOfThreads: System.coreCount)

    /// The SQLite store in the data folder, or memory only when no folder is configured.
    private static func store(_ data: DataSettings, logger: Logger) throws -> any EndpointStore {
        guard let directory = data.directory else {
            logger.notice("no data directory: the endpoint table is kept in memory only")
            return InMemoryEndpointStore()
        }
        return try SQLiteEndpointStore(path: stateFile(in: directory))
    }

    /// The state file in the data folder `directory`.
    private static func stateFile(in directory: String) -> String {
        (directory as NSString).appendingPathComponent("gnsd.sqlite")
    }

    /// One line on what the state file gave back at start: clusters (they answer stale until
    /// their agents push again), endpoints, the file and how long loading took.
    private static func logRestoredState(_ snapshot: TableSnapshot, from data: DataSettings, took duration: Duration, logger: Logger) {
        guard let directory = data.directory else { return }
        let endpoints = snapshot.clusters.values.reduce(0) { $0 + $1.endpointCount }
        let milliseconds = duration.inSeconds * 1000
        logger.info(
            snapshot.clusters.isEmpty ? "no state to restore: no cluster has pushed yet" : "state restored",
            metadata: [
                "clusters": "\(snapshot.clusters.count)", "endpoints": "\(endpoints)",
                "file": "\(stateFile(in: directory))",
                "milliseconds": "\(Int(milliseconds.rounded()))",
            ])
    }

    /// Serves until SIGTERM/SIGINT (when handling signals) or cancellation, then shuts down
    /// gracefully; returns at once, serving nothing, when SIGTERM/SIGINT came during start-up.
    public func run() async throws {
        if let signal = signals?.stopRequest {
            logger.notice("\(signal) during start-up: stopping without serving")
            apiPort.announce(.failure(CancellationError()))
            return
        }
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: services.map { .init(service: $0, successTerminationBehavior: .ignore) }, logger: logger))
        do {
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                if let signals {
                    tasks.addTask { [logger] in
                        guard let signal = await signals.nextStop() else { return }
                        logger.info("\(signal): shutting down gracefully")
                        await group.triggerGracefulShutdown()
                    }
                }
                try await group.run()
                tasks.cancelAll()
            }
        } catch {
            apiPort.announce(.failure(error))
            throw error
        }
        apiPort.announce(.failure(CancellationError()))
        logger.info("gnsd stopped")
    }

    /// The addresses the DNS listeners are bound to, with real ports, once they are.
    public func dnsAddresses() async throws -> [SocketAddress] {
        try await dnsServer.listeningAddresses()
    }

    /// The port the push API listens on, once it does; throws when gnsd stopped before it could.
    public func apiListeningPort() async throws -> Int {
        try await apiPort.wait()
    }

    /// Reloads the zone directory now; false when it failed and the previous zones stay.
    @discardableResult
    public func reloadZones() -> Bool {
        reloader.reload()
    }
}
