internal import GNSModel

/// What one health check probes: a service's endpoint, at the endpoint's first address.
struct HealthTarget: Hashable, Sendable, CustomStringConvertible {
    var service: ServiceKey
    var address: IPAddress
    var check: HealthCheck

    /// `default/catalog 10.1.0.11 tcp:8080`, for log lines.
    var description: String { "\(service) \(address) \(check.kind.rawValue):\(check.port)" }
}
