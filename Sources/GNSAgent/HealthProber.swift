internal import GNSModel

/// Runs one health check against one address.
protocol HealthProber: Sendable {
    /// True when `check` passes at `address` within the check's timeout.
    func probe(_ check: HealthCheck, address: IPAddress) async -> Bool
}
