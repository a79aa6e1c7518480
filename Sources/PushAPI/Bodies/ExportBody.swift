import EndpointTable

/// One exported service, as an agent pushes it and as `GET /v1/clusters/{cluster}/exports` lists it.
struct ExportBody: Codable, Hashable, Sendable {
    var namespace: String
    var name: String
    /// `clusterSetIP` or `headless`.
    var type: String
    /// The cluster-local service IPs; clusterSetIP only.
    var ips: [String]?
    var ports: [PortBody]?
    var endpoints: [EndpointBody]?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case namespace, name, type, ips, ports, endpoints
    }

    /// Decodes the body, refusing unknown members and `null`.
    init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
        namespace = try container.decode(String.self, forKey: .namespace)
        name = try container.decode(String.self, forKey: .name)
        type = try container.decode(String.self, forKey: .type)
        ips = try container.decodeUnlessAbsent([String].self, forKey: .ips)
        ports = try container.decodeUnlessAbsent([PortBody].self, forKey: .ports)
        endpoints = try container.decodeUnlessAbsent([EndpointBody].self, forKey: .endpoints)
    }

    /// The API form of `export`.
    init(_ export: ServiceExport) {
        namespace = export.key.namespace
        name = export.key.name
        type = export.kind.apiName
        ips = export.kind.apiIPs
        ports = export.ports.map(PortBody.init)
        endpoints = export.endpoints.map(EndpointBody.init)
    }
}

/// One port of an exported service.
struct PortBody: Codable, Hashable, Sendable {
    /// An RFC 1123 label; unnamed ports get no SRV records.
    var name: String?
    var port: JSONInteger<Int>
    /// `TCP`, `UDP` or `SCTP`.
    var `protocol`: String

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, port, `protocol`
    }

    /// Decodes the body, refusing unknown members and `null`.
    init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
        name = try container.decodeUnlessAbsent(String.self, forKey: .name)
        port = try container.decode(JSONInteger<Int>.self, forKey: .port)
        self.protocol = try container.decode(String.self, forKey: .protocol)
    }

    /// The API form of `port`.
    init(_ port: ServicePort) {
        name = port.name
        self.port = JSONInteger(Int(port.port))
        self.protocol = port.portProtocol.apiName
    }
}

/// One endpoint behind an exported service.
struct EndpointBody: Codable, Hashable, Sendable {
    var addresses: [String]
    var hostname: String?
    /// Absent means ready, as in a Kubernetes EndpointSlice.
    var ready: Bool?
    var zone: String?
    /// 0 to 65535; absent means 1.
    var weight: JSONInteger<Int>?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case addresses, hostname, ready, zone, weight
    }

    /// Decodes the body, refusing unknown members and `null`.
    init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
        addresses = try container.decode([String].self, forKey: .addresses)
        hostname = try container.decodeUnlessAbsent(String.self, forKey: .hostname)
        ready = try container.decodeUnlessAbsent(Bool.self, forKey: .ready)
        zone = try container.decodeUnlessAbsent(String.self, forKey: .zone)
        weight = try container.decodeUnlessAbsent(JSONInteger<Int>.self, forKey: .weight)
    }

    /// The API form of `endpoint`.
    init(_ endpoint: Endpoint) {
        addresses = endpoint.addresses.map(\.description)
        hostname = endpoint.hostname
        ready = endpoint.ready
        zone = endpoint.zone
        weight = JSONInteger(Int(endpoint.weight))
    }
}
