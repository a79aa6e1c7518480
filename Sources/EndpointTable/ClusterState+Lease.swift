extension ClusterState {
    /// Renews the lease until `now` plus the lease duration and grace. A cluster that was not
    /// live turns live at once, unless damping holds it: then it stays stale until it has kept
    /// renewing for the damping's hold time (see ``advanceLease(now:settings:)``).
    mutating func renewLease(now: Duration, settings: TableSettings) {
        leaseExpiry = now + settings.leaseLifetime
        guard lease != .live, heldUntil == nil else { return }
        if let damping = settings.damping, recentLapses(now: now, damping: damping).count >= damping.lapses {
            lease = .stale
            heldUntil = now + damping.hold
            return
        }
        lease = .live
        staleSince = nil
    }

    /// Moves the lease on to `now`: a live lease past its expiry lapses (stale, the lapse
    /// remembered for damping); a held cluster that kept renewing turns live at the end of its
    /// hold, one that stopped is stale again with the lapse remembered; a cluster stale for
    /// `expireAfter` is expired. Returns true when anything changed.
    mutating func advanceLease(now: Duration, settings: TableSettings) -> Bool {
        let before = self
        if let expiry = leaseExpiry, now >= expiry, lease == .live || heldUntil != nil {
            staleSince = lease == .live ? expiry : staleSince ?? expiry
            lease = .stale
            leaseExpiry = nil
            heldUntil = nil
            // Damping needs the last `lapses` within the window at most; without it, none.
            lapses = (settings.damping.map { Array((recentLapses(now: now, damping: $0) + [expiry]).suffix($0.lapses)) } ?? [])
        } else if let held = heldUntil, now >= held {
            lease = .live
            staleSince = nil
            heldUntil = nil
        }
        if lease == .stale, heldUntil == nil, let expireAfter = settings.expireAfter, let since = staleSince, now >= since + expireAfter {
            lease = .expired
        }
        return self != before
    }

    /// When ``advanceLease(now:settings:)`` next changes something, if it will without a renewal,
    /// or held withdrawals are due, whichever comes first.
    func nextDeadline(settings: TableSettings) -> Duration? {
        let release = heldWithdrawals.values.lazy.map(\.releaseAt).min()
        return [nextLeaseEvent(settings: settings), release].compactMap { $0 }.min()
    }

    /// When ``advanceLease(now:settings:)`` next changes something, if it will without a renewal.
    private func nextLeaseEvent(settings: TableSettings) -> Duration? {
        if lease == .live { return leaseExpiry }
        if let held = heldUntil { return [held, leaseExpiry].compactMap { $0 }.min() }
        guard lease == .stale, let expireAfter = settings.expireAfter, let since = staleSince else { return nil }
        return since + expireAfter
    }

    /// The lapses within the damping window before `now`.
    private func recentLapses(now: Duration, damping: LeaseDamping) -> [Duration] {
        lapses.filter { now - $0 < damping.window }
    }
}
