/// Sees every response that response rate limiting held back, for metrics; called on the UDP
/// path, so it must be quick and must not block. A class, as ``QueryObserver`` is.
public protocol RateLimitObserver: AnyObject, Sendable {
    /// A response of `kind` was over its rate: sent truncated (`slipped`) or dropped.
    func observeLimited(_ kind: ResponseKind, slipped: Bool)
}
