import Synchronization

/// A lease clock that moves only when told to, for tests.
///
/// ```swift
/// let clock = ManualLeaseClock()
/// clock.advance(by: .seconds(15))
/// ```
public final class ManualLeaseClock: LeaseClock {
    private let current: Mutex<Duration>

    /// A clock reading `now`.
    public init(now: Duration = .zero) {
        current = Mutex(now)
    }

    public var now: Duration {
        current.withLock { $0 }
    }

    /// Moves the clock forward by `step`.
    public func advance(by step: Duration) {
        current.withLock { $0 += step }
    }
}
