internal import Prometheus
public import QueryLog
internal import Synchronization

/// The query log's counts as counters, brought up to date at each scrape:
/// `gnsd_query_log_frames_total{result}` (dnstap frames `written` and `dropped`) and
/// `gnsd_query_log_dropped_total` (queries dropped because its writer's queue was full).
final class QueryLogCounters: Sendable {
    private let written: Counter
    private let droppedFrames: Counter
    private let droppedQueries: Counter
    private let watched = Mutex<(log: QueryLog, counted: QueryLogStatistics)?>(nil)

    init(registry: PrometheusCollectorRegistry) {
        let frames = GNSDMetrics.descriptor(
            "query_log", "frames", unit: "total", help: "dnstap frames written, and dropped while the destination could not take them.")
        written = registry.makeCounter(descriptor: frames, labels: [("result", "written")])
        droppedFrames = registry.makeCounter(descriptor: frames, labels: [("result", "dropped")])
        droppedQueries = registry.makeCounter(
            descriptor: GNSDMetrics.descriptor(
                "query_log", "dropped", unit: "total", help: "Queries the query logs dropped because their writer's queue was full."))
    }

    func watch(_ log: QueryLog) {
        watched.withLock { $0 = (log, QueryLogStatistics.zero) }
    }

    /// Adds what the log counted since the last scrape.
    func update() {
        watched.withLock { watched in
            guard let (log, counted) = watched else { return }
            let now = log.statistics
            written.increment(by: Int64(now.framesWritten - counted.framesWritten))
            droppedFrames.increment(by: Int64(now.framesDropped - counted.framesDropped))
            droppedQueries.increment(by: Int64(now.queriesDropped - counted.queriesDropped))
            watched = (log, now)
        }
    }
}
