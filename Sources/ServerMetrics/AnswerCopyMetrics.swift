public import Authority
internal import Prometheus
internal import Synchronization

/// The UDP workers' answer copies at each scrape: `gnsd_answer_cache_hits_total`,
/// `gnsd_answer_cache_misses_total`, `gnsd_answer_cache_evictions_total` and
/// `gnsd_answer_cache_bytes` (what the copies take now, within `dns.answer-cache-bytes`).
final class AnswerCopyMetrics: Sendable {
    private let hits: CounterMirror
    private let misses: CounterMirror
    private let evictions: CounterMirror
    private let bytes: Gauge
    private let statistics = Mutex<AnswerCopyStatistics?>(nil)

    init(registry: PrometheusCollectorRegistry) {
        let counter = { (name: String, help: String) in
            CounterMirror(registry.makeCounter(descriptor: GNSDMetrics.descriptor("answer_cache", name, unit: "total", help: help)))
        }
        hits = counter("hits", "UDP queries answered from a stored copy of their answer.")
        misses = counter("misses", "UDP queries of the copy path whose answer was encoded anew.")
        evictions = counter("evictions", "Answer copies dropped to make room for others.")
        bytes = registry.makeGauge(
            descriptor: GNSDMetrics.descriptor("answer_cache", "bytes", help: "Bytes the answer copies of every UDP worker take."))
    }

    func watch(_ statistics: AnswerCopyStatistics) {
        self.statistics.withLock { $0 = statistics }
    }

    func update() {
        guard let totals = statistics.withLock({ $0 })?.totals else { return }
        hits.follow(totals.hits)
        misses.follow(totals.misses)
        evictions.follow(totals.evictions)
        bytes.set(Int64(totals.bytes))
    }
}
