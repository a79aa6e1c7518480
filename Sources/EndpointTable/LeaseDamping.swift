/// Damping of a flapping agent (in the spirit of RFC 2439): a cluster whose lease lapsed
/// `lapses` times within `window` is held stale when it renews, until it has kept its lease for
/// `hold`, so an agent that keeps dropping out does not make answers flap. A cluster that comes
/// back after fewer lapses is live at once.
public struct LeaseDamping: Hashable, Sendable {
    /// The lapses within `window`, the last one included, from which a return is held (at least 2).
    public var lapses: Int
    public var window: Duration
    /// How long a held cluster must keep renewing before it is live again.
    public var hold: Duration

    /// Three lapses within ten minutes hold the cluster's return for a minute.
    public init(lapses: Int = 3, window: Duration = .seconds(600), hold: Duration = .seconds(60)) {
        self.lapses = max(2, lapses)
        self.window = window
        self.hold = hold
    }
}
