/// The stored JSON form of one export; its key lives in the row's own columns.
struct ExportRecord: Decodable {
    enum Kind: String, Decodable {
        case clusterSetIP, headless
    }

    struct Port: Decodable {
        var name: String?
        var port: UInt16
        var `protocol`: String
    }

    struct EndpointRecord: Decodable {
        var addresses: [String]
        var hostname: String?
        var ready: Bool
        var zone: String?
        var weight: UInt16
    }

    struct VisibilityRecord: Decodable {
        var clusters: [String]
        var labels: [String: String]
    }

    var kind: Kind
    var serviceIPs: [String]
    var ports: [Port]
    var endpoints: [EndpointRecord]
    /// Absent in rows of exports every cluster sees, and in rows stored before visibility was kept.
    var visibility: VisibilityRecord?

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
        visibility = export.visibility.map { VisibilityRecord(clusters: $0.clusters, labels: $0.labels) }
    }

    /// The record as the store writes it: compact JSON, members sorted by key, absent optionals left out.
    var json: String {
        var json = JSONText()
        json.object { json in
            json.member("endpoints") { json in
                json.array(endpoints) { json, endpoint in
                    json.object { json in
                        json.member("addresses") { $0.array(endpoint.addresses) { $0.string($1) } }
                        json.optionalMember("hostname", endpoint.hostname) { $0.string($1) }
                        json.member("ready") { $0.bool(endpoint.ready) }
                        json.member("weight") { $0.number(endpoint.weight) }
                        json.optionalMember("zone", endpoint.zone) { $0.string($1) }
                    }
                }
            }
            json.member("kind") { $0.string(kind.rawValue) }
            json.member("ports") { json in
                json.array(ports) { json, port in
                    json.object { json in
                        json.optionalMember("name", port.name) { $0.string($1) }
                        json.member("port") { $0.number(port.port) }
                        json.member("protocol") { $0.string(port.protocol) }
                    }
                }
            }
            json.member("serviceIPs") { $0.array(serviceIPs) { $0.string($1) } }
            json.optionalMember("visibility", visibility) { json, visibility in
                json.object { json in
                    json.member("clusters") { $0.array(visibility.clusters) { $0.string($1) } }
                    json.member("labels") { json in
                        json.object { json in
                            for (key, value) in visibility.labels.sorted(by: { $0.key < $1.key }) {
                                json.member(key) { $0.string(value) }
                            }
                        }
                    }
                }
            }
        }
        return json.text
    }

    /// The export this record stores under `key`; throws when a value is not one the push API
    /// accepts (an address, a protocol, a port name or hostname that is not a DNS label).
    func export(key: ServiceKey) throws(EndpointStoreError) -> ServiceExport {
        let kind: ServiceKind =
            switch self.kind {
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
            endpoints.append(
                Endpoint(
                    addresses: try Self.addresses(endpoint.addresses, of: key),
                    hostname: endpoint.hostname,
                    ready: endpoint.ready,
                    zone: endpoint.zone,
                    weight: endpoint.weight
                ))
        }
        if let patterns = visibility?.clusters, !patterns.allSatisfy(ExportVisibility.isValidPattern) {
            throw .invalidRecord("export \(key): invalid cluster pattern in its visibility")
        }
        return ServiceExport(
            key: key, kind: kind, ports: ports, endpoints: endpoints,
            visibility: visibility.map { ExportVisibility(clusters: $0.clusters, labels: $0.labels) })
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
