public import GNSModel

/// One exported service as the push API carries it (the OpenAPI `Export` schema): in snapshots
/// and deltas, and in `GET /v1/clusters/{cluster}/exports`.
///
/// Build it from the table's model with ``init(_:)``, or member by member, as `gnsctl push` does
/// from a file; gnsd validates every member and answers 422 naming the one at fault.
public struct ExportBody: Codable, Hashable, Sendable {
    public var namespace: String
    public var name: String
    /// `clusterSetIP` or `headless`.
    public var type: String
    /// The cluster-local service IPs; clusterSetIP only.
    public var ips: [String]?
    public var ports: [PortBody]?
    public var endpoints: [EndpointBody]?

    /// An export with every member given.
    public init(namespace: String, name: String, type: String, ips: [String]? = nil, ports: [PortBody]? = nil, endpoints: [EndpointBody]? = nil) {
        self.namespace = namespace
        self.name = name
        self.type = type
        self.ips = ips
        self.ports = ports
        self.endpoints = endpoints
    }

    /// The body of `export`.
    public init(_ export: ServiceExport) {
        let (type, ips): (String, [String]?) =
            switch export.kind {
            case .clusterSetIP(let addresses): ("clusterSetIP", addresses.map(\.description))
            case .headless: ("headless", nil)
            }
        self.init(
            namespace: export.key.namespace, name: export.key.name, type: type, ips: ips,
            ports: export.ports.map(PortBody.init), endpoints: export.endpoints.map(EndpointBody.init))
    }
}

/// One port of an exported service (the OpenAPI `Port` schema); only named ports get SRV records.
public struct PortBody: Codable, Hashable, Sendable {
    public var name: String?
    public var port: Int
    /// `TCP`, `UDP` or `SCTP`.
    public var `protocol`: String

    /// A port with every member given.
    public init(name: String? = nil, port: Int, protocol: String) {
        self.name = name
        self.port = port
        self.protocol = `protocol`
    }

    /// The body of `servicePort`.
    public init(_ servicePort: ServicePort) {
        self.init(name: servicePort.name, port: Int(servicePort.port), protocol: servicePort.portProtocol.rawValue.uppercased())
    }
}

/// One endpoint behind an exported service (the OpenAPI `Endpoint` schema).
public struct EndpointBody: Codable, Hashable, Sendable {
    public var addresses: [String]
    public var hostname: String?
    /// Absent means ready.
    public var ready: Bool?
    public var zone: String?
    /// 0 to 65535; absent means 1.
    public var weight: Int?

    /// An endpoint with every member given.
    public init(addresses: [String], hostname: String? = nil, ready: Bool? = nil, zone: String? = nil, weight: Int? = nil) {
        self.addresses = addresses
        self.hostname = hostname
        self.ready = ready
        self.zone = zone
        self.weight = weight
    }

    /// The body of `endpoint`.
    public init(_ endpoint: Endpoint) {
        self.init(
            addresses: endpoint.addresses.map(\.description), hostname: endpoint.hostname, ready: endpoint.ready,
            zone: endpoint.zone, weight: Int(endpoint.weight))
    }
}
