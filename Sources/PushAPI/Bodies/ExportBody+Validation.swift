import APIBodies
import EndpointTable

extension ExportBody {
    /// The export this body describes, or a 422 naming the first field at fault or beyond `quotas`.
    func export(at path: @autoclosure () -> FieldPath, quotas: ClusterQuotas) throws(APIError) -> ServiceExport {
        let key = try Validation.serviceKey(namespace: namespace, name: name, at: path())
        let exportType = try Validation.applying(
            { () throws(ExportRuleViolation) in try ExportRules.exportType(type, ipCount: ips?.count ?? 0) }, at: path())
        let kind: ServiceKind
        switch exportType {
        case .clusterSetIP:
            let ips = ips ?? []
            try Validation.count(ips.count, atMost: quotas.ipsPerExport, at: path().field("ips"), of: "IPs in one export", quota: "ips-per-export")
            kind = .clusterSetIP(try Validation.addresses(ips, at: path().field("ips")))
        case .headless:
            kind = .headless
        }
        try Validation.count(
            ports?.count ?? 0, atMost: quotas.portsPerExport, at: path().field("ports"), of: "ports in one export", quota: "ports-per-export")
        var servicePorts: [ServicePort] = []
        for (index, port) in (ports ?? []).enumerated() {
            servicePorts.append(try port.servicePort(at: path().field("ports").item(index)))
        }
        var serviceEndpoints: [Endpoint] = []
        serviceEndpoints.reserveCapacity(endpoints?.count ?? 0)
        for (index, endpoint) in (endpoints ?? []).enumerated() {
            serviceEndpoints.append(try endpoint.endpoint(at: path().field("endpoints").item(index), quotas: quotas))
        }
        let visibility = try visibleTo.map { (body) throws(APIError) in try body.visibility(at: path().field("visibleTo"), quotas: quotas) }
        return ServiceExport(key: key, kind: kind, ports: servicePorts, endpoints: serviceEndpoints, visibility: visibility)
    }
}

extension VisibilityBody {
    /// The visibility this body describes, or a 422 naming the field at fault or beyond its bounds.
    func visibility(at path: FieldPath, quotas: ClusterQuotas) throws(APIError) -> ExportVisibility {
        let patterns = clusters ?? []
        guard patterns.count <= ExportVisibility.maxClusterPatterns else {
            throw .invalid(path.field("clusters"), "more than \(ExportVisibility.maxClusterPatterns) cluster patterns")
        }
        for (index, pattern) in patterns.enumerated() where !ExportVisibility.isValidPattern(pattern) {
            throw .invalid(
                path.field("clusters").item(index), "must be a cluster id pattern: 1 to 63 characters of a-z, 0-9, '-', '*' and '?'")
        }
        let selector = labels ?? [:]
        guard selector.count <= ExportVisibility.maxLabels else {
            throw .invalid(path.field("labels"), "more than \(ExportVisibility.maxLabels) labels")
        }
        for (key, value) in selector.sorted(by: { $0.key < $1.key }) {
            guard !key.isEmpty, key.utf8.count <= quotas.labelKeyBytes else {
                throw .quotaExceeded(
                    path.field("labels").field(key), "label key empty or longer than \(quotas.labelKeyBytes) bytes (quotas.label-key-bytes)")
            }
            _ = try Validation.text(value, atMostBytes: quotas.labelValueBytes, at: path.field("labels").field(key), quota: "label-value-bytes")
        }
        return ExportVisibility(clusters: patterns, labels: selector)
    }
}

extension PortBody {
    /// The port this body describes, or a 422 naming the field at fault.
    func servicePort(at path: @autoclosure () -> FieldPath) throws(APIError) -> ServicePort {
        let portName = try name.map { (name) throws(APIError) in try Validation.label(name, at: path().field("name")) }
        let number = try Validation.applying({ () throws(ExportRuleViolation) in try ExportRules.portNumber(port) }, at: path().field("port"))
        let portProtocol = try Validation.applying(
            { () throws(ExportRuleViolation) in try ExportRules.portProtocol(self.protocol) }, at: path().field("protocol"))
        return ServicePort(name: portName, port: number, portProtocol: portProtocol)
    }
}

extension EndpointBody {
    /// The endpoint this body describes, or a 422 naming the field at fault or beyond `quotas`.
    func endpoint(at path: @autoclosure () -> FieldPath, quotas: ClusterQuotas) throws(APIError) -> Endpoint {
        try Validation.count(
            addresses.count, atMost: quotas.addressesPerEndpoint, at: path().field("addresses"), of: "addresses in one endpoint",
            quota: "addresses-per-endpoint")
        let parsed = try Validation.addresses(addresses, at: path().field("addresses"))
        let label = try hostname.map { (hostname) throws(APIError) in try Validation.label(hostname, at: path().field("hostname")) }
        let relativeWeight = try weight.map { (weight) throws(APIError) in
            try Validation.applying({ () throws(ExportRuleViolation) in try ExportRules.weight(weight) }, at: path().field("weight"))
        }
        let endpointZone = try zone.map { (zone) throws(APIError) in
            try Validation.text(zone, atMostBytes: quotas.zoneBytes, at: path().field("zone"), quota: "zone-bytes")
        }
        return Endpoint(addresses: parsed, hostname: label, ready: ready ?? true, zone: endpointZone, weight: relativeWeight ?? 1)
    }
}
