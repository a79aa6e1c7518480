internal import Foundation
public import Logging
internal import Synchronization

/// The query logs: dnstap frames of every query and a sampled text line, written by one thread
/// of their own so that the answer path only copies the messages (``capture(query:response:clientAddress:clientPort:transport:queryTime:sampled:)``)
/// and never waits. What the writer cannot keep up with is dropped at a bounded queue, counted,
/// and reported at most once a minute.
///
///     let log = QueryLog(settings: QueryLogSettings(textSampleEvery: 1000), logger: logger)
///     async let writing: Void = log.write()   // until close()
public final class QueryLog: Sendable {
    public let settings: QueryLogSettings
    private let queue: QueryLogQueue
    private let logger: Logger
    /// The logger of the text log's lines, at `info` whatever `log.level` says: the sampled lines
    /// are asked for on their own.
    private let queryLogger: Logger
    private let sharedSampleCount = Atomic<Int>(0)
    private let counters = QueryLogCounters()

    public init(settings: QueryLogSettings, logger: Logger) {
        self.settings = settings
        queue = QueryLogQueue(maxEntries: settings.maxQueuedQueries, maxBytes: settings.maxQueuedBytes)
        self.logger = logger
        var queryLogger = logger
        queryLogger.logLevel = .info
        self.queryLogger = queryLogger
    }

    /// A text-log sampler for one thread, which counts without synchronizing.
    public func makeSampler() -> QuerySampler {
        QuerySampler(every: settings.textSampleEvery)
    }

    /// Whether the text log takes this query, for callers on many threads (TCP's event loops).
    public func nextSharedSample() -> Bool {
        let every = settings.textSampleEvery
        guard every > 0 else { return false }
        return sharedSampleCount.wrappingAdd(1, ordering: .relaxed).newValue % every == 0
    }

    /// Copies one query and its response (`nil` for a streamed zone transfer) for the writer,
    /// when a log takes it: dnstap takes every query, the text log the `sampled` ones.
    public func capture(
        query: UnsafeRawBufferPointer, response: UnsafeRawBufferPointer?, clientAddress: UnsafeRawBufferPointer, clientPort: UInt16,
        transport: QueryTransport, queryTime: WallTime, sampled: Bool
    ) {
        guard settings.dnstap != nil || sampled else { return }
        queue.offer(
            CapturedQuery(
                query: query, response: response, clientAddress: clientAddress, clientPort: clientPort, transport: transport,
                queryTime: queryTime, sampled: sampled))
    }

    /// Counts since start: dnstap frames written and dropped, captures dropped at the queue.
    public var statistics: QueryLogStatistics { counters.snapshot }

    /// Writes until ``close()``, then drains what is queued and ends the dnstap stream. It runs on
    /// a thread of its own, since writing to a file or socket blocks.
    public func write() async {
        await withCheckedContinuation { (finished: CheckedContinuation<Void, Never>) in
            let thread = Thread { [self] in
                writeUntilClosed()
                finished.resume()
            }
            thread.name = "gnsd-query-log"
            thread.start()
        }
    }

    /// Takes no more queries; ``write()`` returns once what is queued is written.
    public func close() {
        queue.close()
    }

    private func writeUntilClosed() {
        let dnstap = settings.dnstap.map {
            (
                writer: FrameStreamWriter(destination: $0.destination, contentType: FrameStreamFrame.dnstapContentType, logger: logger),
                encoder: DnstapEncoder(settings: $0)
            )
        }
        _ = dnstap?.writer.isOpen
        var dropReport = DropReport()
        while let batch = queue.take(timeoutSeconds: 1) {
            counters.queueDropped.add(batch.dropped, ordering: .relaxed)
            dropReport.count(batch.dropped)
            for capture in batch.entries {
                if let dnstap {
                    if dnstap.writer.isOpen {
                        dnstap.encoder.messages(for: capture).forEach(dnstap.writer.write)
                    } else {
                        dnstap.writer.drop(frames: dnstap.encoder.messageCount(for: capture))
                    }
                }
                if capture.sampled {
                    queryLogger.info("query", metadata: TextQueryLine.metadata(for: capture))
                }
            }
            dnstap?.writer.flush()
            if let dnstap {
                counters.record(dnstap.writer)
            }
            if let dropped = dropReport.due() {
                logger.warning(
                    "query log dropped \(dropped) queries in the last minute: the writer does not keep up",
                    metadata: ["max-queued-queries": "\(settings.maxQueuedQueries)"])
            }
        }
        if let dnstap {
            dnstap.writer.finish()
            counters.record(dnstap.writer)
        }
    }
}

/// Which transport a logged query came over.
public enum QueryTransport: Sendable {
    case udp, tcp, tls
}

/// Decides which queries one thread's text log takes: every `every`-th.
public struct QuerySampler {
    private let every: Int
    private var count = 0

    init(every: Int) {
        self.every = every
    }

    /// Whether the text log takes the next query.
    public mutating func next() -> Bool {
        guard every > 0 else { return false }
        count += 1
        guard count == every else { return false }
        count = 0
        return true
    }
}

/// What the query logs wrote and dropped since start.
public struct QueryLogStatistics: Sendable, Equatable {
    public var framesWritten: Int
    public var framesDropped: Int
    /// Queries dropped because the writer's queue was full.
    public var queriesDropped: Int
}

/// The writer's counts, read by the metrics from other threads.
private final class QueryLogCounters: Sendable {
    let framesWritten = Atomic<Int>(0)
    let framesDropped = Atomic<Int>(0)
    let queueDropped = Atomic<Int>(0)

    func record(_ writer: FrameStreamWriter) {
        framesWritten.store(writer.framesWritten, ordering: .relaxed)
        framesDropped.store(writer.framesDropped, ordering: .relaxed)
    }

    var snapshot: QueryLogStatistics {
        QueryLogStatistics(
            framesWritten: framesWritten.load(ordering: .relaxed), framesDropped: framesDropped.load(ordering: .relaxed),
            queriesDropped: queueDropped.load(ordering: .relaxed))
    }
}

/// Sums drops and says, at most once a minute, how many there were.
private struct DropReport {
    private var dropped = 0
    private var lastReport = ContinuousClock.now

    mutating func count(_ drops: Int) {
        dropped += drops
    }

    mutating func due() -> Int? {
        guard dropped > 0, ContinuousClock.now - lastReport >= .seconds(60) else { return nil }
        defer {
            dropped = 0
            lastReport = .now
        }
        return dropped
    }
}
