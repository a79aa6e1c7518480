public import Authority
internal import Prometheus

/// Counters of UDP responses held back by response rate limiting,
/// `gnsd_dns_rate_limited_total{kind, action}`: by ``ResponseKind`` and whether each was
/// dropped or slipped out truncated. Made once, so counting one costs no lookup.
final class RateLimitCounters: Sendable {
    private let dropped: [Counter]
    private let slipped: [Counter]

    /// Counters registered in `registry`.
    init(registry: PrometheusCollectorRegistry) {
        let descriptor = MetricNameDescriptor(
            namespace: "gnsd", subsystem: "dns", metricName: "rate_limited", unitName: "total",
            helpText: "UDP responses over their rate limit, by kind and action: dropped, or slipped out truncated.")
        dropped = ResponseKind.allCases.map { registry.makeCounter(descriptor: descriptor, labels: [("kind", $0.name), ("action", "dropped")]) }
        slipped = ResponseKind.allCases.map { registry.makeCounter(descriptor: descriptor, labels: [("kind", $0.name), ("action", "slipped")]) }
    }

    /// Counts one limited response of `kind`.
    func count(_ kind: ResponseKind, slipped wasSlipped: Bool) {
        (wasSlipped ? slipped : dropped)[kind.rawValue].increment()
    }
}

extension GNSDMetrics: RateLimitObserver {
    /// Counts one UDP response held back by rate limiting.
    public func observeLimited(_ kind: ResponseKind, slipped: Bool) {
        rateLimits.count(kind, slipped: slipped)
    }
}
