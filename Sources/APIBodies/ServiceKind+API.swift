public import GNSModel

extension ServiceKind {
    /// The `type` the API shows for this kind.
    public var apiName: String {
        switch self {
        case .clusterSetIP: ExportType.clusterSetIP.rawValue
        case .headless: ExportType.headless.rawValue
        }
    }

    /// The `ips` the API shows: the service IPs of a clusterSetIP export, `nil` for headless.
    public var apiIPs: [String]? {
        switch self {
        case .clusterSetIP(let addresses): addresses.map(\.description)
        case .headless: nil
        }
    }
}
