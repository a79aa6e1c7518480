public import APIBodies
public import Authority
public import DNSWire
public import EndpointTable
import GNSModel
public import Prometheus
public import PushAPI
public import QueryLog
public import ServerTLS
import Synchronization

/// Every metric gnsd exports, in one registry that `GET /metrics` renders.
///
/// The query responder reports each answered query as the ``QueryObserver`` it is given, and
/// each response rate limiting holds back as the `RateLimitObserver`; the push API, handed these
/// metrics as its `PushAPIMetrics`, counts pushes and serves the exposition, with the table
/// gauges set when scraped.
///
/// ```swift
/// let metrics = GNSDMetrics()
/// metrics.observe(type: .a, rcode: .noError, duration: .microseconds(40), channel: QueryChannel(transport: .udp, isIPv6: false))
/// ```
public final class GNSDMetrics: QueryObserver, PushAPIMetrics {
    /// The registry the metrics live in; more can be added to it.
    public let registry: PrometheusCollectorRegistry

    /// For each ``QueryChannel`` in ``QueryChannel/all``'s order, one counter per type of
    /// ``RecordType/named`` in its order, then the one for other types; found by arithmetic, so a
    /// query costs no hashing.
    private let requestsByChannelAndType: [Counter]
    /// The counter of each response code below ``codeSlots`` (`other` for codes not counted by
    /// name), then the one for codes at or above it; an array so a query costs no hashing.
    private let responsesByCode: [Counter]
    private static let codeSlots = Int(countedCodes.map(\.rawValue).max()!) + 1
    private let requestDuration: DurationHistogram
    /// Clusters by lease state.
    private let clusterGauges: [LeaseState: Gauge]
    private let services: Gauge
    private let endpoints: Gauge
    /// Clusters damping holds stale although they renew.
    private let dampedClusters: Gauge
    /// Endpoints whose withdrawal the guard holds.
    private let heldWithdrawals: Gauge
    private let tableVersion: Gauge
    /// UDP responses held back by response rate limiting.
    let rateLimits: RateLimitCounters
    private let exportConflicts: Gauge
    /// The `accepted` count of each kind of push, made once: every accepted push counts there.
    private let acceptedPushes: [PushKind: Counter]
    private let certificateGauges: TLSCertificateGauges
    /// Each cluster's lease state and time left.
    private let clusterLeases: ClusterLeaseGauges
    private let queryLog: QueryLogCounters
    private let zoneLoads: ZoneLoadMetrics
    private let process: ProcessMetrics
    private let answerCopies: AnswerCopyMetrics
    private let tcpConnections: Gauge
    private let tcpConnectionCount = Mutex<(@Sendable () -> Int)?>(nil)
    /// Queries and accepted pushes, totals and recent rates, for `GET /v1/status`.
    public let activityMeter = ActivityMeter()

    /// The response codes counted under their own name; the rest count as `other`.
    static let countedCodes: [ResponseCode] = [.noError, .formErr, .servFail, .nxDomain, .notImp, .refused, .notAuth, .badVers, .badCookie]

    /// Metrics registered in `registry`.
    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        let requests = Self.descriptor(
            "dns", "requests", unit: "total",
            help: "DNS queries answered, by transport (proto), client address family (1 IPv4, 2 IPv6) and query type.")
        requestsByChannelAndType = QueryChannel.all.flatMap { channel in
            (RecordType.named.map(\.description) + ["other"]).map { type in
                registry.makeCounter(
                    descriptor: requests, labels: [("proto", channel.transport.name), ("family", channel.familyLabel), ("type", type)])
            }
        }
        let responses = Self.descriptor("dns", "responses", unit: "total", help: "DNS responses sent, by response code.")
        let otherCodeResponses = registry.makeCounter(descriptor: responses, labels: [("rcode", "other")])
        responsesByCode =
            (0..<Self.codeSlots).map { raw in
                let rcode = ResponseCode(rawValue: UInt16(raw))
                guard Self.countedCodes.contains(rcode) else { return otherCodeResponses }
                return registry.makeCounter(descriptor: responses, labels: [("rcode", rcode.description)])
            } + [otherCodeResponses]
        requestDuration = registry.makeDurationHistogram(
            descriptor: Self.descriptor("dns", "request_duration", unit: "seconds", help: "Time from receiving a DNS query to having its answer."),
            buckets: [
                .microseconds(50), .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1),
                .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(100),
            ]
        )
        let clusters = Self.descriptor("table", "clusters", help: "Clusters in the endpoint table, by lease state.")
        clusterGauges = Dictionary(
            uniqueKeysWithValues: [LeaseState.live, .stale, .expired].map {
                ($0, registry.makeGauge(descriptor: clusters, labels: [("lease", $0.rawValue)]))
            })
        services = registry.makeGauge(descriptor: Self.descriptor("table", "services", help: "Services exported by at least one cluster."))
        endpoints = registry.makeGauge(descriptor: Self.descriptor("table", "endpoints", help: "Endpoints over all clusters and services."))
        dampedClusters = registry.makeGauge(
            descriptor: Self.descriptor(
                "table", "damped_clusters", help: "Clusters damping holds stale although they renew (their lease kept lapsing)."))
        heldWithdrawals = registry.makeGauge(
            descriptor: Self.descriptor("table", "held_withdrawals", help: "Endpoints whose withdrawal the withdrawal guard holds, still answered."))
        tableVersion = registry.makeGauge(
            descriptor: Self.descriptor("table", "version", help: "Version of the endpoint table; rises with every change."))
        rateLimits = RateLimitCounters(registry: registry)
        acceptedPushes = Dictionary(
            uniqueKeysWithValues: PushKind.allCases.map { kind in
                (kind, registry.makeCounter(descriptor: Self.pushes, labels: [("kind", kind.rawValue), ("result", "accepted")]))
            })
        certificateGauges = TLSCertificateGauges(registry: registry)
        clusterLeases = ClusterLeaseGauges(registry: registry)
        queryLog = QueryLogCounters(registry: registry)
        zoneLoads = ZoneLoadMetrics(registry: registry)
        process = ProcessMetrics(registry: registry)
        answerCopies = AnswerCopyMetrics(registry: registry)
        tcpConnections = registry.makeGauge(descriptor: Self.descriptor("dns", "tcp_connections", help: "DNS over TCP and TLS connections open."))
        registry.makeGauge(
            descriptor: Self.descriptor(nil, "build_info", help: "Always 1; the version label says which gnsd runs."),
            labels: [("version", GNSDVersion.current)]
        ).set(Int64(1))
        exportConflicts = registry.makeGauge(
            descriptor: Self.descriptor(
                "export", "conflicts",
                help: "Exports left out of DNS answers because another cluster's export of the other kind sets the service's kind."))
    }

    /// Counts one answered DNS query of `type` (types outside ``RecordType/named`` as `other`)
    /// that came over `channel` and got `rcode` after `duration`.
    public func observe(type: RecordType, rcode: ResponseCode, duration: Duration, channel: QueryChannel) {
        let typeIndex = RecordType.named.firstIndex(of: type) ?? RecordType.named.count
        requestsByChannelAndType[channel.index * (RecordType.named.count + 1) + typeIndex].increment()
        responsesByCode[min(Int(rcode.rawValue), Self.codeSlots)].increment()
        requestDuration.record(duration)
        activityMeter.countQuery()
    }

    /// DNS queries answered and pushes accepted: totals and their rates over the last minute.
    public func activity() -> (queries: ServerStatus.Activity, pushes: ServerStatus.Activity) {
        activityMeter.activity()
    }

    /// Counts one push of `kind` that ended with `result`: `accepted` or an error code.
    public func recordPush(kind: PushKind, result: String) {
        if result == "accepted", let counter = acceptedPushes[kind] {
            counter.increment()
            activityMeter.countPush()
            return
        }
        registry.makeCounter(descriptor: Self.pushes, labels: [("kind", kind.rawValue), ("result", result)]).increment()
    }

    /// Counts one API request and records its duration: `gnsd_api_requests_total{route, method,
    /// status}` and `gnsd_api_request_duration_seconds{route}`. Routes and statuses are few, so
    /// are the series.
    public func recordRequest(route: String, method: String, status: Int, duration: Duration) {
        registry.makeCounter(
            descriptor: Self.descriptor("api", "requests", unit: "total", help: "Push API requests, by route, method and status."),
            labels: [("route", route), ("method", method), ("status", "\(status)")]
        ).increment()
        registry.makeDurationHistogram(
            descriptor: Self.descriptor("api", "request_duration", unit: "seconds", help: "Push API request durations, by route."),
            labels: [("route", route)],
            buckets: [.milliseconds(1), .milliseconds(5), .milliseconds(25), .milliseconds(100), .milliseconds(500), .seconds(2), .seconds(10)]
        ).record(duration)
    }

    /// Counts one TLS handshake on `listener` (`api`, `dot`) that failed for `reason`.
    public func recordHandshakeFailure(listener: String, reason: TLSHandshakeFailure) {
        registry.makeCounter(
            descriptor: Self.descriptor("tls", "handshake_failures", unit: "total", help: "TLS handshakes that failed, by listener and reason."),
            labels: [("listener", listener), ("reason", reason.rawValue)]
        ).increment()
    }

    /// Shows when the certificates of `context`, serving `listener`, expire, as they are at each scrape.
    public func watchCertificates(of context: ReloadingTLSContext, listener: String) {
        certificateGauges.watch(context, listener: listener)
    }

    /// Records a zone load: `zoneSet` served from `unixTime` on, or `nil` for a reload that
    /// failed; `isReload` is false for the load at start.
    public func recordZoneLoad(_ zoneSet: ZoneSet?, at unixTime: Double, isReload: Bool) {
        zoneLoads.record(zoneSet, at: unixTime, isReload: isReload)
    }

    /// Shows `count`, the open DNS TCP and TLS connections, as it is at each scrape.
    public func watchTCPConnections(_ count: @escaping @Sendable () -> Int) {
        tcpConnectionCount.withLock { $0 = count }
    }

    /// Shows how the UDP workers' answer copies serve, as they are at each scrape.
    public func watchAnswerCopies(_ statistics: AnswerCopyStatistics) {
        answerCopies.watch(statistics)
    }

    /// Shows what `log` wrote and dropped, as it is at each scrape.
    public func watchQueryLog(_ log: QueryLog) {
        queryLog.watch(log)
    }

    /// The Prometheus text exposition of every metric, after setting the table gauges from
    /// `snapshot` (and each cluster's lease gauges, when the lease clock's `leaseTime` is given).
    public func exposition(table snapshot: TableSnapshot, leaseTime: Duration? = nil) -> [UInt8] {
        if let leaseTime {
            clusterLeases.update(from: snapshot, now: leaseTime)
        }
        var byLease: [LeaseState: Int64] = [:]
        var endpointCount = 0
        var damped: Int64 = 0
        var held = 0
        for state in snapshot.clusters.values {
            byLease[state.lease, default: 0] += 1
            endpointCount += state.endpointCount
            damped += state.heldUntil == nil ? 0 : 1
            held += state.heldWithdrawals.values.reduce(0) { $0 + $1.endpoints.count }
        }
        dampedClusters.set(damped)
        heldWithdrawals.set(Int64(held))
        for (lease, gauge) in clusterGauges {
            gauge.set(byLease[lease] ?? 0)
        }
        services.set(Int64(snapshot.services.count))
        endpoints.set(Int64(endpointCount))
        tableVersion.set(Double(snapshot.version))
        exportConflicts.set(Int64(snapshot.kindConflicts().count))
        certificateGauges.update()
        queryLog.update()
        process.update()
        answerCopies.update()
        if let count = tcpConnectionCount.withLock({ $0 }) {
            tcpConnections.set(Int64(count()))
        }
        return registry.emitToBuffer()
    }

    /// Push API writes, counted per request.
    private static var pushes: MetricNameDescriptor {
        descriptor(nil, "pushes", unit: "total", help: "Push API writes by authenticated callers, by kind and result (accepted or the error code).")
    }

    /// The descriptor of `gnsd_<subsystem>_<name>_<unit>`.
    static func descriptor(_ subsystem: String?, _ name: String, unit: String = "", help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "gnsd", subsystem: subsystem, metricName: name, unitName: unit, helpText: help)
    }
}
