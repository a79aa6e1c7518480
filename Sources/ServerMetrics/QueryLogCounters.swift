internal import Prometheus
public import QueryLog
internal import Synchronization

/// The query log's counts as counters, brought up to date at each scrape:
/// `gnsd_query_log_frames_total{result}` (dnstap frames `written` and `dropped`) and
/// `gnsd_query_log_dropped_total` (queries dropped because its writer's queue was full).
final class QueryLogCounters: Sendable {
    private let written: CounterMirror
    private let droppedFrames: CounterMirror
    private let droppedQueries: CounterMirror
    private let log = Mutex<QueryLog?>(nil)

    init(registry: PrometheusCollectorRegistry) {
        let frames = GNSDMetrics.descriptor(
            "query_log", "frames", unit: "total", help: "dnstap frames written, and dropped while the destination could not take them.")
        written = CounterMirror(registry.makeCounter(descriptor: frames, labels: [("result", "written")]))
        droppedFrames = CounterMirror(registry.makeCounter(descriptor: frames, labels: [("result", "dropped")]))
        droppedQueries = CounterMirror(
            registry.makeCounter(
                descriptor: GNSDMetrics.descriptor(
                    "query_log", "dropped", unit: "total", help: "Queries the query logs dropped because their writer's queue was full.")))
    }

    func watch(_ log: QueryLog) {
        self.log.withLock { $0 = log }
    }

    /// Adds what the log counted since the last scrape.
    func update() {
        guard let statistics = log.withLock({ $0 })?.statistics else { return }
        written.follow(statistics.framesWritten)
        droppedFrames.follow(statistics.framesDropped)
        droppedQueries.follow(statistics.queriesDropped)
    }
}
