/// The withdrawal guard's settings: a push that withdraws more than `share` of its cluster's
/// ready endpoints, or every ready endpoint of one of its services, has its withdrawals held for
/// `hold` (answered as before) unless the agent marks it intended; its additions apply at once.
/// A scale-down therefore takes effect within `hold`, a broken agent's empty state never at once.
public struct WithdrawalGuard: Hashable, Sendable {
    /// The share of a cluster's ready endpoints one push may withdraw unheld (0 to 1).
    public var share: Double
    /// How long held withdrawals wait before they apply.
    public var hold: Duration

    /// Guards withdrawals of more than half a cluster's ready endpoints for 30 seconds.
    public init(share: Double = 0.5, hold: Duration = .seconds(30)) {
        self.share = min(1, max(0, share))
        self.hold = hold
    }
}
