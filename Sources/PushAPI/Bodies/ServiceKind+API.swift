import EndpointTable

extension ServiceKind {
    /// The API's name for a clusterSetIP export.
    static let clusterSetIPName = "clusterSetIP"
    /// The API's name for a headless export.
    static let headlessName = "headless"

    /// The `type` the API shows for this kind.
    var apiName: String {
        switch self {
        case .clusterSetIP: Self.clusterSetIPName
        case .headless: Self.headlessName
        }
    }

    /// The `ips` the API shows: the service IPs of a clusterSetIP export, `nil` for headless.
    var apiIPs: [String]? {
        switch self {
        case .clusterSetIP(let addresses): addresses.map(\.description)
        case .headless: nil
        }
    }
}
