public import APIBodies

/// What `GET /v1/status` learns from outside the push API: when gnsd started and how the last
/// reload of the zone directory ended.
public struct StatusSource: Sendable {
    public var startedAt: ContinuousClock.Instant
    public var lastZoneReload: @Sendable () -> ServerStatus.ZoneReload?

    /// A source for a gnsd started at `startedAt` whose zone reloads `lastZoneReload` reports.
    public init(startedAt: ContinuousClock.Instant = .now, lastZoneReload: @escaping @Sendable () -> ServerStatus.ZoneReload? = { nil }) {
        self.startedAt = startedAt
        self.lastZoneReload = lastZoneReload
    }
}
