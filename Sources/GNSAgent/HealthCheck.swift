/// An active health check of a service's endpoints from an export file: a TCP connect or an
/// HTTP GET to each endpoint's first address, every `interval`, each bounded by `timeout`.
/// An endpoint turns ready after `rise` passes in a row and unready after `fall` failures in a row.
struct HealthCheck: Hashable, Sendable {
    enum Kind: String, Hashable, Sendable, CaseIterable {
        /// Passes when a TCP connection opens.
        case tcp
        /// Passes on an HTTP status from 200 to 399.
        case http
    }

    var kind: Kind
    var port: UInt16
    /// The HTTP request path; `/` for TCP checks, which do not use it.
    var path: String = "/"
    var interval: Duration = .seconds(2)
    var timeout: Duration = .seconds(1)
    var rise: Int = 2
    var fall: Int = 2
}
