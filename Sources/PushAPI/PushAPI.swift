public import Authority
public import EndpointTable
public import Hummingbird
import HummingbirdCore
public import Logging
public import ServerTLS

/// The HTTP API through which cluster agents push what their clusters export, and through
/// which operators read the table, health and metrics.
///
/// ```swift
/// let api = PushAPI(settings: settings, table: table, answerSource: answerSource, clock: clock, metrics: metrics, logger: logger) { dnsIsServing }
/// let app = api.buildApplication { port in logger.info("push API on port \(port)") }
/// // add `app` to the ServiceGroup; it is a Service
/// ```
public struct PushAPI: Sendable {
    public let settings: APISettings
    let table: EndpointTable
    let answerSource: AnswerSource
    let clock: any LeaseClock
    let metrics: any PushAPIMetrics
    /// Where every write is recorded.
    let audit: AuditTrail
    let logger: Logger
    let isReady: @Sendable () -> Bool
    /// Start time and zone reloads for `GET /v1/status`.
    let statusSource: StatusSource

    /// An API serving `table`.
    /// - Parameters:
    ///   - answerSource: answers `GET /v1/explain`; the one DNS answers with.
    ///   - clock: the lease clock `table` runs on, to report the time left on leases.
    ///   - metrics: the metrics `GET /metrics` renders; pushes are counted in them.
    ///   - audit: the audit trail every write is recorded in, `GET /v1/audit` reads.
    ///   - statusSource: when gnsd started and how its last zone reload ended, for `GET /v1/status`.
    ///   - isReady: whether gnsd serves DNS yet; `GET /readyz` answers 503 until it does.
    public init(
        settings: APISettings,
        table: EndpointTable,
        answerSource: AnswerSource,
        clock: any LeaseClock,
        metrics: any PushAPIMetrics,
        audit: AuditTrail,
        logger: Logger,
        statusSource: StatusSource = StatusSource(),
        isReady: @escaping @Sendable () -> Bool
    ) {
        self.statusSource = statusSource
        self.settings = settings
        self.table = table
        self.answerSource = answerSource
        self.clock = clock
        self.metrics = metrics
        self.audit = audit
        self.logger = logger
        self.isReady = isReady
    }

    /// The router with every route: `/healthz`, `/readyz`, `/metrics`, `/version` and
    /// `/openapi.yaml` without authentication, the `/v1` routes and the `/ui` status page behind
    /// the same credentials.
    public func buildRouter() -> Router<APIRequestContext> {
        let router = Router(context: APIRequestContext.self)
        router.add(middleware: RequestMetricsMiddleware(metrics: metrics))
        router.add(middleware: ErrorMiddleware())
        addHealthRoutes(to: router)
        let authenticator = Authenticator(settings: settings, audit: audit)
        let v1 = router.group("v1").add(middleware: authenticator)
        addClusterRoutes(to: v1)
        addServiceRoutes(to: v1)
        addAuditRoutes(to: v1)
        addStatusRoutes(to: v1)
        addStatusPageRoutes(to: router.group("ui").add(middleware: BrowserLoginChallenge()).add(middleware: authenticator))
        return router
    }

    /// A plain HTTP server serving only `/metrics`, `/healthz` and `/readyz` on `host:port`, for
    /// scrapers that cannot present the API's credentials.
    public func buildMetricsApplication(
        host: String, port: Int, onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        let router = Router(context: APIRequestContext.self)
        router.add(middleware: ErrorMiddleware())
        router.get("healthz") { _, _ in "ok" }
        router.get("readyz", use: readiness)
        router.get("metrics", use: renderMetrics)
        return Application(
            router: router, configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "gnsd"),
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? port) }, logger: logger)
    }

    /// The HTTP server as a `Service` for gnsd's `ServiceGroup`, listening on
    /// `settings.host:settings.port`.
    /// - Parameters:
    ///   - limits: the deadlines for request heads, bodies and idle keep-alive connections, the
    ///     connection limit (see ``RequestDeadlineHandler``) and the accept queue.
    ///   - tls: serve HTTPS with the certificate this context holds when each connection opens;
    ///     `nil` for plain HTTP.
    ///   - onServerRunning: called with the bound port once the server listens (the real port
    ///     when `settings.port` is 0).
    public func buildApplication(
        limits: HTTPServerLimits = HTTPServerLimits(),
        tls: ReloadingTLSContext? = nil,
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        let registry = ConnectionRegistry(limit: limits.maxConnections)
        let logger = logger
        let http = HTTP1Channel.Configuration(
            additionalChannelHandlers: [RequestDeadlineHandler(limits: limits, registry: registry, logger: logger)])
        let metrics = metrics
        return Application(
            router: buildRouter(),
            server: tls.map { tls in
                .http1(configuration: http, tls: tls) { reason in metrics.recordHandshakeFailure(listener: "api", reason: reason) }
            } ?? .http1(configuration: http),
            configuration: ApplicationConfiguration(
                address: .hostname(settings.host, port: settings.port), serverName: "gnsd",
                backlog: limits.acceptBacklog),
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? settings.port) },
            logger: logger
        )
    }
}
