public import GNSModel

/// One exported service as the push API carries it (the OpenAPI `Export` schema): in snapshots
/// and deltas, and in `GET /v1/clusters/{cluster}/exports`.
///
/// Build it from the model with ``init(_:)``, or member by member, as `gnsctl push` does from a
/// file; gnsd validates every member and answers 422 naming the one at fault.
public struct ExportBody: Codable, Hashable, Sendable {
    public var namespace: String
    public var name: String
    /// `clusterSetIP` or `headless`.
    public var type: String
    /// The cluster-local service IPs; clusterSetIP only.
    public var ips: [String]?
    public var ports: [PortBody]?
    public var endpoints: [EndpointBody]?
    /// The clusters that may resolve the export; absent: every cluster.
    public var visibleTo: VisibilityBody?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case namespace, name, type, ips, ports, endpoints, visibleTo
    }

    /// An export with every member given.
    public init(
        namespace: String, name: String, type: String, ips: [String]? = nil, ports: [PortBody]? = nil, endpoints: [EndpointBody]? = nil,
        visibleTo: VisibilityBody? = nil
    ) {
        self.namespace = namespace
        self.name = name
        self.type = type
        self.ips = ips
        self.ports = ports
        self.endpoints = endpoints
        self.visibleTo = visibleTo
    }

    /// The body of `export`.
    public init(_ export: ServiceExport) {
        self.init(
            namespace: export.key.namespace, name: export.key.name, type: export.kind.apiName, ips: export.kind.apiIPs,
            ports: export.ports.map(PortBody.init), endpoints: export.endpoints.map(EndpointBody.init),
            visibleTo: export.visibility.map(VisibilityBody.init))
    }

    /// Decodes the body, refusing unknown members and `null`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
        namespace = try container.decode(String.self, forKey: .namespace)
        name = try container.decode(String.self, forKey: .name)
        type = try container.decode(String.self, forKey: .type)
        ips = try container.decodeUnlessAbsent([String].self, forKey: .ips)
        ports = try container.decodeUnlessAbsent([PortBody].self, forKey: .ports)
        endpoints = try container.decodeUnlessAbsent([EndpointBody].self, forKey: .endpoints)
        visibleTo = try container.decodeUnlessAbsent(VisibilityBody.self, forKey: .visibleTo)
    }
}

/// Which clusters may resolve an export (the OpenAPI `Visibility` schema): those whose id
/// matches one of `clusters` (globs) or whose labels include every pair of `labels`; the
/// exporting cluster always may.
public struct VisibilityBody: Codable, Hashable, Sendable {
    public var clusters: [String]?
    public var labels: [String: String]?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case clusters, labels
    }

    /// A visibility with every member given.
    public init(clusters: [String]? = nil, labels: [String: String]? = nil) {
        self.clusters = clusters
        self.labels = labels
    }

    /// The body of `visibility`.
    public init(_ visibility: ExportVisibility) {
        self.init(clusters: visibility.clusters, labels: visibility.labels)
    }

    /// Decodes the body, refusing unknown members and `null`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
        clusters = try container.decodeUnlessAbsent([String].self, forKey: .clusters)
        labels = try container.decodeUnlessAbsent([String: String].self, forKey: .labels)
    }
}

/// One port of an exported service (the OpenAPI `Port` schema); only named ports get SRV records.
public struct PortBody: Codable, Hashable, Sendable {
    /// An RFC 1123 label.
    public var name: String?
    public var port: Int
    /// `TCP`, `UDP` or `SCTP`.
    public var `protocol`: String

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, port, `protocol`
    }

    /// A port with every member given.
    public init(name: String? = nil, port: Int, protocol: String) {
        self.name = name
        self.port = port
        self.protocol = `protocol`
    }

    /// The body of `port`.
    public init(_ port: ServicePort) {
        self.init(name: port.name, port: Int(port.port), protocol: port.portProtocol.apiName)
    }

    /// Decodes the body, refusing unknown members and `null`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
        name = try container.decodeUnlessAbsent(String.self, forKey: .name)
        port = try container.decode(JSONInteger<Int>.self, forKey: .port).value
        self.protocol = try container.decode(String.self, forKey: .protocol)
    }
}

/// One endpoint behind an exported service (the OpenAPI `Endpoint` schema).
public struct EndpointBody: Codable, Hashable, Sendable {
    public var addresses: [String]
    public var hostname: String?
    /// Absent means ready, as in a Kubernetes EndpointSlice.
    public var ready: Bool?
    public var zone: String?
    /// 0 to 65535; absent means 1.
    public var weight: Int?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case addresses, hostname, ready, zone, weight
    }

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

    /// Decodes the body, refusing unknown members and `null`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
        addresses = try container.decode([String].self, forKey: .addresses)
        hostname = try container.decodeUnlessAbsent(String.self, forKey: .hostname)
        ready = try container.decodeUnlessAbsent(Bool.self, forKey: .ready)
        zone = try container.decodeUnlessAbsent(String.self, forKey: .zone)
        weight = try container.decodeUnlessAbsent(JSONInteger<Int>.self, forKey: .weight)?.value
    }
}
