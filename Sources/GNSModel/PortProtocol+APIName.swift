extension PortProtocol {
    /// The upper-case name the API and the exports file use, as Kubernetes does: `TCP`, `UDP`, `SCTP`.
    public var apiName: String { rawValue.uppercased() }

    /// The protocol named `apiName`.
    public init?(apiName: String) {
        guard let match = PortProtocol.allCases.first(where: { $0.apiName == apiName }) else { return nil }
        self = match
    }
}
