public import APIBodies
import GNSModel
import Synchronization

/// DNS queries answered and pushes accepted since start, and their rates over the last minute
/// for `GET /v1/status`: ``sample(at:)``, called every few seconds, keeps the totals' recent
/// history, at most ``window`` deep plus one sample before it.
public final class ActivityMeter: Sendable {
    private struct Sample {
        var time: ContinuousClock.Instant
        var queries: UInt64
        var pushes: UInt64
    }

    /// How far back the rates look.
    public static let window: Duration = .seconds(60)

    private let queries = Atomic<UInt64>(0)
    private let pushes = Atomic<UInt64>(0)
    private let samples: Mutex<[Sample]>

    /// A meter starting at zero at `start`.
    public init(start: ContinuousClock.Instant = .now) {
        samples = Mutex([Sample(time: start, queries: 0, pushes: 0)])
    }

    func countQuery() {
        queries.wrappingAdd(1, ordering: .relaxed)
    }

    func countPush() {
        pushes.wrappingAdd(1, ordering: .relaxed)
    }

    /// Records the totals at `now`, forgetting samples the window no longer needs.
    public func sample(at now: ContinuousClock.Instant = .now) {
        let sample = Sample(time: now, queries: queries.load(ordering: .relaxed), pushes: pushes.load(ordering: .relaxed))
        samples.withLock { samples in
            samples.append(sample)
            while samples.count > 2, samples[1].time <= now - Self.window {
                samples.removeFirst()
            }
        }
    }

    /// The totals at `now` and their rates since the oldest sample kept (about a minute ago).
    public func activity(at now: ContinuousClock.Instant = .now) -> (queries: ServerStatus.Activity, pushes: ServerStatus.Activity) {
        let current = Sample(time: now, queries: queries.load(ordering: .relaxed), pushes: pushes.load(ordering: .relaxed))
        let oldest = samples.withLock { $0[0] }
        let elapsed = now - oldest.time
        // At least a second, so one query in gnsd's first instant is not a rate of hundreds.
        let seconds = max(1, elapsed.inSeconds)
        func rate(_ count: UInt64) -> Double {
            (Double(count) / seconds * 10).rounded() / 10
        }
        return (
            ServerStatus.Activity(total: current.queries, perSecond: rate(current.queries &- oldest.queries)),
            ServerStatus.Activity(total: current.pushes, perSecond: rate(current.pushes &- oldest.pushes))
        )
    }
}
