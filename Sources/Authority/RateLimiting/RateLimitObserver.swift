/// Sees every response that response rate limiting held back, for metrics; called on the UDP
/// path, so it must be quick and must not block.
public protocol RateLimitObserver: Sendable {
    /// A response of `kind` was over its rate: sent truncated (`slipped`) or dropped.
    func observeLimited(_ kind: ResponseKind, slipped: Bool)
}
