import EndpointTable

/// Who is calling, as established from the request's bearer token or client certificate.
enum Caller: Hashable, Sendable, CustomStringConvertible {
    /// No tokens are configured: every request is allowed.
    case open
    /// The admin token: reads and writes everything, and alone deletes clusters.
    case admin
    /// A cluster agent's token: reads everything, writes only its own cluster.
    case cluster(ClusterID)

    /// Whether the caller may push to `cluster`.
    func mayWrite(_ cluster: ClusterID) -> Bool {
        switch self {
        case .open, .admin: true
        case .cluster(let own): own == cluster
        }
    }

    /// `admin`, `cluster aws-west`, or `anyone` for an open API.
    var description: String {
        switch self {
        case .open: "anyone"
        case .admin: "admin"
        case .cluster(let id): "cluster \(id)"
        }
    }

    /// Whether the caller may delete clusters.
    var mayAdminister: Bool {
        switch self {
        case .open, .admin: true
        case .cluster: false
        }
    }
}
