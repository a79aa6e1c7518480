internal import GNSModel

/// Joins ServiceExports with their Services and EndpointSlices into what the cluster exports: a pure function of
/// ``ClusterObjects``, sorted so that the same objects always give the same exports.
enum ExportJoin {
    /// The exports, and the ServiceExports that export nothing with the reason why.
    struct Outcome: Sendable, Equatable {
        var exports: [ServiceExport]
        var skipped: [ObjectKey: String]
    }

    /// Why a ServiceExport exports nothing.
    struct Skip: Error {
        var reason: String
    }

    /// Every exported service: a ServiceExport with a Service of the same namespace and name that is not ExternalName.
    static func outcome(of objects: ClusterObjects) -> Outcome {
        var slicesByService: [ObjectKey: [EndpointSliceObject]] = [:]
        for slice in objects.endpointSlices.values {
            if let service = slice.serviceKey, objects.serviceExports[service] != nil {
                slicesByService[service, default: []].append(slice)
            }
        }
        var outcome = Outcome(exports: [], skipped: [:])
        for key in objects.serviceExports.keys.sorted() {
            do {
                var export = try export(key, service: objects.services[key], slices: slicesByService[key] ?? [])
                export.visibility = try objects.serviceExports[key]?.visibility()
                outcome.exports.append(export)
            } catch {
                outcome.skipped[key] = error.reason
            }
        }
        return outcome
    }

    /// The export of the Service `key` with its slices.
    static func export(_ key: ObjectKey, service: ServiceObject?, slices: [EndpointSliceObject]) throws(Skip) -> ServiceExport {
        guard let service else { throw Skip(reason: "no Service of that name") }
        guard service.spec.type != "ExternalName" else { throw Skip(reason: "an ExternalName Service has no endpoints to export") }
        guard let serviceKey = ServiceKey(namespace: key.namespace, name: key.name) else {
            throw Skip(reason: "the namespace or name is not an RFC 1123 label")
        }
        let sortedSlices = slices.sorted { $0.metadata.name < $1.metadata.name }
        let endpoints = Self.endpoints(of: sortedSlices)
        if service.spec.clusterIP == "None" {
            return ServiceExport(key: serviceKey, kind: .headless, ports: ports(of: service, targetPortsFrom: sortedSlices), endpoints: endpoints)
        }
        let texts = service.spec.clusterIPs ?? []
        let addresses = Set((texts.isEmpty ? [service.spec.clusterIP].compactMap { $0 } : texts).compactMap(IPAddress.init)).sorted()
        guard !addresses.isEmpty else { throw Skip(reason: "the Service has no cluster IP") }
        return ServiceExport(key: serviceKey, kind: .clusterSetIP(addresses), ports: ports(of: service, targetPortsFrom: nil), endpoints: endpoints)
    }

    /// The Service's ports, sorted. A headless service is reached at its endpoints, so each port takes the number the
    /// endpoints listen on (the slices' port of the same name and protocol) when the slices name one.
    static func ports(of service: ServiceObject, targetPortsFrom slices: [EndpointSliceObject]?) -> [ServicePort] {
        var targetPorts: [String: UInt16] = [:]
        for port in (slices ?? []).flatMap({ $0.ports ?? [] }) {
            if let number = port.port.flatMap(UInt16.init(exactly:)), number > 0 {
                let identity = "\(port.name ?? "")/\(port.protocol ?? "TCP")"
                targetPorts[identity] = min(targetPorts[identity] ?? number, number)
            }
        }
        let ports = (service.spec.ports ?? []).compactMap { port -> ServicePort? in
            guard let number = UInt16(exactly: port.port), number > 0,
                let portProtocol = PortProtocol(rawValue: (port.protocol ?? "TCP").lowercased())
            else { return nil }
            let name = port.name.flatMap { DNSLabel.isValid($0) ? $0 : nil }
            let target = targetPorts["\(port.name ?? "")/\(port.protocol ?? "TCP")"]
            return ServicePort(name: name, port: target ?? number, portProtocol: portProtocol)
        }
        return Set(ports).sorted { ($0.port, $0.portProtocol.rawValue, $0.name ?? "") < ($1.port, $1.portProtocol.rawValue, $1.name ?? "") }
    }

    /// The endpoints of `slices` (sorted by name), each once: an endpoint listed in several slices, such as a dual-stack
    /// pod in an IPv4 and an IPv6 slice, becomes one endpoint with all its addresses, ready only if every copy is.
    static func endpoints(of slices: [EndpointSliceObject]) -> [Endpoint] {
        var merged: [String: Endpoint] = [:]
        for slice in slices {
            guard let family = AddressFamily(rawValue: slice.addressType) else { continue }
            for entry in slice.endpoints ?? [] {
                let addresses = entry.addresses.compactMap(IPAddress.init).filter(family.contains)
                guard !addresses.isEmpty else { continue }
                let identity =
                    entry.targetRef.map { "\($0.kind ?? "")/\($0.namespace ?? "")/\($0.name ?? "")" }
                    ?? addresses.sorted().map(\.description).joined(separator: ",")
                let ready = entry.conditions?.ready ?? true
                let hostname = entry.hostname.flatMap { DNSLabel.isValid($0) ? $0 : nil }
                if var endpoint = merged[identity] {
                    endpoint.addresses = Array(Set(endpoint.addresses + addresses)).sorted()
                    endpoint.ready = endpoint.ready && ready
                    endpoint.hostname = endpoint.hostname ?? hostname
                    endpoint.zone = endpoint.zone ?? entry.zone
                    merged[identity] = endpoint
                } else {
                    merged[identity] = Endpoint(addresses: Array(Set(addresses)).sorted(), hostname: hostname, ready: ready, zone: entry.zone)
                }
            }
        }
        return merged.values.sorted(by: precedes)
    }

    /// The endpoint order: by addresses, then hostname, zone and readiness.
    private static func precedes(_ lhs: Endpoint, _ rhs: Endpoint) -> Bool {
        if lhs.addresses != rhs.addresses {
            return lhs.addresses.lexicographicallyPrecedes(rhs.addresses)
        }
        return (lhs.hostname ?? "", lhs.zone ?? "", lhs.ready ? 1 : 0) < (rhs.hostname ?? "", rhs.zone ?? "", rhs.ready ? 1 : 0)
    }
}
