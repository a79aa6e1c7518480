/// The stored JSON form of one export; its key lives in the row's own columns.
struct ExportRecord: Codable {
    enum Kind: String, Codable {
        case clusterSetIP, headless
    }

    struct Port: Codable {
        var name: String?
        var port: UInt16
        var `protocol`: String
    }

    struct EndpointRecord: Codable {
        var addresses: [String]
        var hostname: String?
        var ready: Bool
        var zone: String?
        var weight: UInt16
    }

    var kind: Kind
    var serviceIPs: [String]
    var ports: [Port]
    var endpoints: [EndpointRecord]

    init(_ export: ServiceExport) {
        switch export.kind {
        case .clusterSetIP(let addresses):
            kind = .clusterSetIP
            serviceIPs = addresses.map(\.description)
        case .headless:
            kind = .headless
            serviceIPs = []
        }
        ports = export.ports.map { Port(name: $0.name, port: $0.port, protocol: $0.portProtocol.rawValue) }
        endpoints = export.endpoints.map {
            EndpointRecord(addresses: $0.addresses.map(\.description), hostname: $0.hostname, ready: $0.ready, zone: $0.zone, weight: $0.weight)
        }
    }

    /// The export this record stores under `key`; throws when a value is not one the push API
    /// accepts (an address, a protocol, a port name or hostname that is not a DNS label).
    func export(key: ServiceKey) throws(EndpointStoreError) -> ServiceExport {
        let kind: ServiceKind = switch self.kind {
        case .clusterSetIP: .clusterSetIP(try Self.addresses(serviceIPs, of: key))
        case .headless: .headless
        }
        var ports: [ServicePort] = []
        for port in self.ports {
            guard let portProtocol = PortProtocol(rawValue: port.protocol) else {
                throw .invalidRecord("export \(key): unknown protocol \(port.protocol)")
            }
            guard port.name.map(DNSLabel.isValid) ?? true else {
                throw .invalidRecord("export \(key): invalid port name")
            }
            ports.append(ServicePort(name: port.name, port: port.port, portProtocol: portProtocol))
        }
        var endpoints: [Endpoint] = []
        endpoints.reserveCapacity(self.endpoints.count)
        for endpoint in self.endpoints {
            guard endpoint.hostname.map(DNSLabel.isValid) ?? true else {
                throw .invalidRecord("export \(key): invalid hostname")
            }
            endpoints.append(Endpoint(
                addresses: try Self.addresses(endpoint.addresses, of: key),
                hostname: endpoint.hostname,
                ready: endpoint.ready,
                zone: endpoint.zone,
                weight: endpoint.weight
            ))
        }
        return ServiceExport(key: key, kind: kind, ports: ports, endpoints: endpoints)
    }

    private static func addresses(_ texts: [String], of key: ServiceKey) throws(EndpointStoreError) -> [IPAddress] {
        var addresses: [IPAddress] = []
        addresses.reserveCapacity(texts.count)
        for text in texts {
            guard let address = IPAddress(text) else { throw .invalidRecord("export \(key): invalid address \(text)") }
            addresses.append(address)
        }
        return addresses
    }
}
