import EndpointTable

/// Exports the agent tests push and parse.
enum AgentFixtures {
    static let web = ServiceKey(namespace: "default", name: "web")!
    static let api = ServiceKey(namespace: "default", name: "api")!
    static let db = ServiceKey(namespace: "data", name: "db")!

    /// A ClusterSetIP export of `key` at `serviceIP` with one endpoint per address, ready or not.
    static func export(_ key: ServiceKey, serviceIP: String = "10.96.0.1", _ endpoints: [(String, ready: Bool)]) -> ServiceExport {
        ServiceExport(
            key: key, kind: .clusterSetIP([IPAddress(serviceIP)!]),
            ports: [ServicePort(name: "http", port: 80, portProtocol: .tcp)],
            endpoints: endpoints.map { Endpoint(addresses: [IPAddress($0.0)!], ready: $0.ready) })
    }
}
