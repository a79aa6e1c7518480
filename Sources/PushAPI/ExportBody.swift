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

    /// The API form of `endpoint`.
    init(_ endpoint: Endpoint) {
        addresses = endpoint.addresses.map(\.description)
        hostname = endpoint.hostname
        ready = endpoint.ready
        zone = endpoint.zone
        weight = JSONInteger(Int(endpoint.weight))
    }
}
