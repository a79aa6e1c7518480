import EndpointTable
import Synchronization
import TestKit

/// What a running source published, in order, and whether its `run` returned, for tests to wait on.
final class PublishRecorder: Sendable {
    /// One call of `publish`.
    struct Publication: Equatable, Sendable, CustomStringConvertible {
        var exports: [ServiceExport]
        var resync: Bool

        var description: String { "resync \(resync): \(exports)" }
    }

    private let publications = Mutex<[Publication]>([])
    private let consumed = Mutex(0)
    private let returned = Mutex(false)

    /// Records one publication; pass it as the source's `publish`.
    func record(_ exports: [ServiceExport], _ resync: Bool) {
        publications.withLock { $0.append(Publication(exports: exports, resync: resync)) }
    }

    /// The publication after the last one returned, waiting for it at most `limit`.
    func next(within limit: Duration = .seconds(10)) async throws -> Publication {
        let index = consumed.withLock { $0 }
        let found = try await eventuallyValue(within: limit, every: .milliseconds(5)) {
            publications.withLock { $0.indices.contains(index) ? $0[index] : nil }
        }
        guard let publication = found else {
            throw TimeoutError("no publication \(index + 1) within \(limit)")
        }
        consumed.withLock { $0 = index + 1 }
        return publication
    }

    /// The publications after the last one returned, up to and including the first that `isLast` accepts, waiting at most
    /// `limit` in all. For a burst of changes: the source gathers what arrives within its debounce, but under load a burst
    /// can straddle two windows and come as more than one publication.
    func next(within limit: Duration = .seconds(10), until isLast: (Publication) -> Bool) async throws -> [Publication] {
        let deadline = ContinuousClock.now + limit
        var gathered: [Publication] = []
        repeat {
            gathered.append(try await next(within: max(deadline - ContinuousClock.now, .zero)))
        } while !isLast(gathered[gathered.count - 1])
        return gathered
    }

    /// Notes that the source's `run` returned.
    func markReturned() {
        returned.withLock { $0 = true }
    }

    /// True once the source's `run` returned.
    var hasReturned: Bool {
        returned.withLock { $0 }
    }

    /// How many publications there have been.
    var count: Int {
        publications.withLock { $0.count }
    }
}
