internal import Synchronization

/// How the UDP workers' answer copies serve, for the metrics: each worker counts in counters of
/// its own (a relaxed load and store, no lock or read-modify-write on the query path, as one
/// thread writes them), and ``totals`` sums them for a scrape.
public final class AnswerCopyStatistics: Sendable {
    private let workers = Mutex<[AnswerCopyCounters]>([])

    init() {}

    /// New counters for one worker, included in ``totals`` from now on.
    func makeCounters() -> AnswerCopyCounters {
        let counters = AnswerCopyCounters()
        workers.withLock { $0.append(counters) }
        return counters
    }

    /// The sums over every worker.
    public var totals: AnswerCopyTotals {
        workers.withLock { workers in
            workers.reduce(into: AnswerCopyTotals()) { totals, worker in
                totals.hits += worker.hits.load(ordering: .relaxed)
                totals.misses += worker.misses.load(ordering: .relaxed)
                totals.evictions += worker.evictions.load(ordering: .relaxed)
                totals.bytes += worker.bytes.load(ordering: .relaxed)
            }
        }
    }
}

/// Answer copy counts over every UDP worker.
public struct AnswerCopyTotals: Sendable, Equatable {
    /// Queries answered from a stored copy.
    public var hits = 0
    /// Queries of the copy path encoded anew (stored afterwards or not).
    public var misses = 0
    /// Copies dropped to make room: the cold generation's entries each time it is emptied.
    public var evictions = 0
    /// Bytes the copies take now.
    public var bytes = 0

    public init() {}
}

/// One worker's counters; only that worker writes them.
final class AnswerCopyCounters: Sendable {
    let hits = Atomic<Int>(0)
    let misses = Atomic<Int>(0)
    let evictions = Atomic<Int>(0)
    let bytes = Atomic<Int>(0)

    func countHit() {
        hits.store(hits.load(ordering: .relaxed) &+ 1, ordering: .relaxed)
    }

    /// Counts a miss and records what the cache holds and has evicted after it.
    func countMiss(evictions total: Int, bytes usage: Int) {
        misses.store(misses.load(ordering: .relaxed) &+ 1, ordering: .relaxed)
        evictions.store(total, ordering: .relaxed)
        bytes.store(usage, ordering: .relaxed)
    }
}
