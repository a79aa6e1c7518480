internal import GNSModel
import PlacedYAML

extension ExportFile {

    /// Parses the YAML or JSON `text` of `file`, checking every value by the ``ExportRules`` the
    /// push API checks too; the first problem is thrown, placed at its line and field.
    init(parsing text: String, file: String) throws(ExportFileError) {
        guard let root = try ExportFileNode(yaml: text, file: file) else {
            throw ExportFileError(file: file, reason: "the file is empty; write `exports: []` to export nothing")
        }
        let exports = try root.mapping(["exports"]).required("exports")
        var services: [Service] = []
        var seen: Set<ServiceKey> = []
        for item in try exports.list() {
            let service = try Self.service(item)
            guard seen.insert(service.export.key).inserted else {
                throw item.error("service \(service.export.key) is listed twice")
            }
            services.append(service)
        }
        self.init(services: services)
    }

    private static func service(_ node: ExportFileNode) throws(ExportFileError) -> Service {
        let fields = try node.mapping(["namespace", "name", "type", "ips", "ports", "endpoints", "healthCheck", "visibleTo"])
        let namespace = try label(fields.required("namespace"))
        guard let key = ServiceKey(namespace: namespace, name: try label(fields.required("name"))) else {
            throw node.error(DNSLabel.rule)
        }
        let ipsNode = fields.optional("ips")
        var ips: [IPAddress] = []
        for item in try ipsNode?.list() ?? [] {
            ips.append(try address(item))
        }
        let typeNode = try fields.required("type")
        let typeName = try typeNode.text()
        let kind: ServiceKind
        do {
            switch try ExportRules.exportType(typeName, ipCount: ips.count) {
            case .clusterSetIP: kind = .clusterSetIP(ips)
            case .headless: kind = .headless
            }
        } catch {
            throw (error.member == "ips" ? ipsNode ?? node : typeNode).error(error.withGiven)
        }
        var ports: [ServicePort] = []
        for item in try fields.optional("ports")?.list() ?? [] {
            ports.append(try port(item))
        }
        var endpoints: [Endpoint] = []
        for item in try fields.optional("endpoints")?.list() ?? [] {
            endpoints.append(try endpoint(item))
        }
        let check = try fields.optional("healthCheck").map { (check) throws(ExportFileError) in try healthCheck(check, ports: ports) }
        let visibleTo = try fields.optional("visibleTo").map { (node) throws(ExportFileError) in try Self.visibility(node) }
        return Service(export: ServiceExport(key: key, kind: kind, ports: ports, endpoints: endpoints, visibility: visibleTo), healthCheck: check)
    }

    /// `visibleTo`: the cluster id patterns and labels of the clusters that may resolve the export.
    private static func visibility(_ node: ExportFileNode) throws(ExportFileError) -> ExportVisibility {
        let fields = try node.mapping(["clusters", "labels"])
        var clusters: [String] = []
        for item in try fields.optional("clusters")?.list() ?? [] {
            let pattern = try item.text()
            guard ExportVisibility.isValidPattern(pattern) else {
                throw item.error("must be a cluster id pattern: 1 to 63 characters of a-z, 0-9, '-', '*' and '?', got \(pattern.debugDescription)")
            }
            clusters.append(pattern)
        }
        var labels: [String: String] = [:]
        for (key, value) in try fields.optional("labels")?.members(known: nil) ?? [] {
            labels[key] = try value.text()
        }
        guard clusters.count <= ExportVisibility.maxClusterPatterns, labels.count <= ExportVisibility.maxLabels else {
            throw node.error("at most \(ExportVisibility.maxClusterPatterns) cluster patterns and \(ExportVisibility.maxLabels) labels")
        }
        return ExportVisibility(clusters: clusters, labels: labels)
    }

    private static func port(_ node: ExportFileNode) throws(ExportFileError) -> ServicePort {
        let fields = try node.mapping(["name", "port", "protocol"])
        let name = try fields.optional("name").map { (name) throws(ExportFileError) in try label(name) }
        let number = try fields.required("port").applying({ (node) throws(ExportFileError) in try node.integer() }, ExportRules.portNumber)
        let portProtocol =
            try fields.optional("protocol")?.applying({ (node) throws(ExportFileError) in try node.text() }, ExportRules.portProtocol)
            ?? .tcp
        return ServicePort(name: name, port: number, portProtocol: portProtocol)
    }

    private static func endpoint(_ node: ExportFileNode) throws(ExportFileError) -> Endpoint {
        let fields = try node.mapping(["addresses", "hostname", "ready", "zone", "weight"])
        let addressesNode = try fields.required("addresses")
        var addresses: [IPAddress] = []
        for item in try addressesNode.list() {
            addresses.append(try address(item))
        }
        try addressesNode.applying({ _ throws(ExportFileError) in addresses.count }, ExportRules.nonEmptyAddresses)
        return Endpoint(
            addresses: addresses,
            hostname: try fields.optional("hostname").map { (hostname) throws(ExportFileError) in try label(hostname) },
            ready: try fields.optional("ready")?.bool() ?? true,
            zone: try fields.optional("zone")?.text(),
            weight: try fields.optional("weight")?.applying({ (node) throws(ExportFileError) in try node.integer() }, ExportRules.weight) ?? 1)
    }

    private static func healthCheck(_ node: ExportFileNode, ports: [ServicePort]) throws(ExportFileError) -> HealthCheck {
        let fields = try node.mapping(["type", "port", "path", "interval", "timeout", "rise", "fall"])
        let typeNode = try fields.required("type")
        let typeName = try typeNode.text()
        guard let kind = HealthCheck.Kind(rawValue: typeName) else {
            throw typeNode.error("must be tcp or http, got \(typeName.debugDescription)")
        }
        let port: UInt16
        if let portNode = fields.optional("port") {
            port = UInt16(try portNode.integer(in: 1...65535))
        } else if let first = ports.first {
            port = first.port
        } else {
            throw node.error("missing port (the service has no port to check)")
        }
        var check = HealthCheck(kind: kind, port: port)
        if let pathNode = fields.optional("path") {
            guard kind == .http else { throw pathNode.error("only an http check has a path") }
            let path = try pathNode.text()
            guard path.hasPrefix("/"), path.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) else {
                throw pathNode.error("must start with / and hold no spaces or control characters, got \(path.debugDescription)")
            }
            check.path = path
        }
        check.interval = try fields.optional("interval")?.seconds(in: 0.1...3600) ?? check.interval
        if let timeoutNode = fields.optional("timeout") {
            check.timeout = try timeoutNode.seconds(in: 0.1...60)
            guard check.timeout <= check.interval else { throw timeoutNode.error("must not be longer than the interval") }
        }
        check.timeout = min(check.timeout, check.interval)
        check.rise = try fields.optional("rise")?.integer(in: 1...100) ?? check.rise
        check.fall = try fields.optional("fall")?.integer(in: 1...100) ?? check.fall
        return check
    }

    private static func label(_ node: ExportFileNode) throws(ExportFileError) -> String {
        try node.applying({ (node) throws(ExportFileError) in try node.text() }, ExportRules.label)
    }

    private static func address(_ node: ExportFileNode) throws(ExportFileError) -> IPAddress {
        try node.applying({ (node) throws(ExportFileError) in try node.text() }, ExportRules.address)
    }
}
