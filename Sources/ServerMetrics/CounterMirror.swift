internal import Prometheus
internal import Synchronization

/// A Prometheus counter that follows a total counted elsewhere (by the query log's writer, by
/// the UDP workers): each scrape adds what the total grew by since the last one.
final class CounterMirror: Sendable {
    private let counter: Counter
    private let mirrored = Mutex(0)

    init(_ counter: Counter) {
        self.counter = counter
    }

    /// Brings the counter up to `total`; a total that went down (it never should) adds nothing.
    func follow(_ total: Int) {
        mirrored.withLock { mirrored in
            if total > mirrored {
                counter.increment(by: Int64(total - mirrored))
                mirrored = total
            }
        }
    }
}
