/// Exponential backoff with jitter: the delay doubles with each failure in a row up to `maximum`, and a random
/// part of it (up to a half) is taken off so that many agents do not retry in step.
struct Backoff: Sendable, Equatable {
    var initial: Duration
    var maximum: Duration

    /// The delay before the next try after `failures` failures in a row; zero for none.
    func delay(afterFailures failures: Int, using generator: inout some RandomNumberGenerator) -> Duration {
        guard failures > 0 else { return .zero }
        let doublings = min(failures - 1, 30)
        let full = min(initial * (1 << doublings), maximum)
        return full * Double.random(in: 0.5...1, using: &generator)
    }
}
