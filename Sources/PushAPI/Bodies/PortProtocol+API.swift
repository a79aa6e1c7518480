import EndpointTable

extension PortProtocol {
    /// The upper-case name the API uses, as Kubernetes does: `TCP`, `UDP`, `SCTP`.
    var apiName: String { rawValue.uppercased() }

    /// The protocol the API names `apiName`.
    init?(apiName: String) {
        guard let match = PortProtocol.allCases.first(where: { $0.apiName == apiName }) else { return nil }
        self = match
    }
}
