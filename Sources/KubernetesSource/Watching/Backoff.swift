/// How long to wait before retrying after failures in a row: exponential, capped, jittered. The
/// Kubernetes watches and the agent's pushers both retry with it.
///
/// After the n-th failure in a row the wait is `initial × 2^(n-1)`, capped at `maximum`, then scaled by a
/// random factor from 0.5 to 1 so that many agents do not retry in step.
public struct Backoff: Hashable, Sendable {
    /// The wait after the first failure, before jitter.
    public var initial: Duration
    /// The longest wait, before jitter.
    public var maximum: Duration

    /// A backoff from `initial` doubling up to `maximum`.
    public init(initial: Duration = .milliseconds(500), maximum: Duration = .seconds(5)) {
        self.initial = initial
        self.maximum = max(initial, maximum)
    }

    /// The wait after `failures` consecutive failures (1 for the first; zero for none), jittered with `random`.
    public func delay(afterFailures failures: Int, using random: inout some RandomNumberGenerator) -> Duration {
        guard failures > 0 else { return .zero }
        let capped = min(initial * (1 << min(failures - 1, 30)), maximum)
        let fraction = Double(random.next() >> 11) * 0x1p-53
        return capped * (0.5 + fraction / 2)
    }
}
