internal import DNSWire
internal import EndpointTable

/// A name gnsd synthesises from the endpoint table, parsed from the query name.
enum DynamicName {
    /// `dns-version.<clusterset>`: the MCS schema version TXT record.
    case schemaVersion
    /// `svc.<clusterset>` or a global namespace's domain: always there, no data of its own.
    case apex(Explanation.Source)
    /// `<ns>.svc.<clusterset>`: exists while a service of the namespace does.
    case namespace(String)
    case service(ServiceReference)
    /// `_<proto>.<service>`: exists while a named port of that protocol does.
    case portProtocol(ServiceReference, PortProtocol)
    /// `_<port>._<proto>.<service>`: the SRV records of a named port.
    case port(ServiceReference, name: String, PortProtocol)
    /// `<clusterid>.<svc>.<ns>.svc.<clusterset>`: exists for headless services only.
    case cluster(ServiceReference, ClusterID)
    /// `<hostname>.<clusterid>.<svc>.<ns>.svc.<clusterset>`: one headless endpoint.
    case host(ServiceReference, ClusterID, hostname: String)
    /// A name in a reverse zone: the PTR records of a served address, or a prefix of some.
    case reverse(ReverseName)

    /// Where the name's data comes from, for explanations.
    var source: Explanation.Source {
        switch self {
        case .schemaVersion, .namespace: .mcs
        case .apex(let source): source
        case .reverse: .reverse
        case .service(let service), .portProtocol(let service, _), .port(let service, _, _), .cluster(let service, _),
            .host(let service, _, _):
            if case .global = service.scope { .globalNamespace } else { .mcs }
        }
    }
}

/// Recognises the dynamic names of the configured domains.
struct DynamicNamespaces {
    let settings: DiscoverySettings
    private let domains: [DomainName]
    /// `svc.<clusterset>`, under which MCS services live.
    private let serviceDomain: DomainName?
    private let schemaVersionName: DomainName?
    /// The global namespaces, deepest domain first, so the closest one claims a name.
    private let globalNamespaces: [GlobalNamespace]

    init(settings: DiscoverySettings) {
        self.settings = settings
        domains = settings.dynamicDomains
        serviceDomain = settings.clustersetDomain.prepending(labels: "svc")
        schemaVersionName = settings.clustersetDomain.prepending(labels: "dns-version")
        globalNamespaces = settings.globalNamespaces.sorted { $0.domain.labelCount > $1.domain.labelCount }
    }

    /// True when names of `zone` are synthesised: it holds a dynamic domain or lies inside one,
    /// or it is a reverse zone (under `in-addr.arpa` or `ip6.arpa`).
    func touches(zone origin: DomainName) -> Bool {
        domains.contains { $0.isWithin(origin) || origin.isWithin($0) } || Self.isReverse(zone: origin)
    }

    /// True when `origin` lies under `in-addr.arpa` or `ip6.arpa`, where served addresses get PTR records.
    static func isReverse(zone origin: DomainName) -> Bool {
        origin.isWithin(ReverseName.ipv4Domain) || origin.isWithin(ReverseName.ipv6Domain)
    }

    /// The dynamic name `name` spells, or `nil` when it is none.
    func classify(_ name: DomainName) -> DynamicName? {
        if let serviceDomain, let labels = name.lowercasedLabels(above: serviceDomain) {
            return clusterset(name, labels)
        }
        if let schemaVersionName, name == schemaVersionName {
            return .schemaVersion
        }
        for namespace in globalNamespaces {
            if let labels = name.lowercasedLabels(above: namespace.domain) {
                return global(name, labels, namespace)
            }
        }
        return ReverseName(name).map(DynamicName.reverse)
    }

    /// `labels` are those above `svc.<clusterset>`, leftmost first.
    private func clusterset(_ name: DomainName, _ labels: [String]) -> DynamicName? {
        func service(_ serviceLabel: Int) -> ServiceReference? {
            guard let key = ServiceKey(namespace: labels[serviceLabel + 1], name: labels[serviceLabel]),
                let owner = name.ancestor(droppingLabels: serviceLabel)?.lowercased()
            else { return nil }
            return ServiceReference(scope: .clusterset(key), owner: owner, ttl: settings.clustersetTTL)
        }
        switch labels.count {
        case 0:
            return .apex(.mcs)
        case 1:
            return DNSLabel.isValid(labels[0]) ? .namespace(labels[0]) : nil
        case 2:
            return service(0).map(DynamicName.service)
        case 3:
            guard let service = service(1) else { return nil }
            if let portProtocol = Self.portProtocol(labels[0]) {
                return .portProtocol(service, portProtocol)
            }
            return ClusterID(labels[0]).map { .cluster(service, $0) }
        case 4:
            guard let service = service(2) else { return nil }
            if let port = Self.underscored(labels[0]), let portProtocol = Self.portProtocol(labels[1]) {
                return .port(service, name: port, portProtocol)
            }
            guard let cluster = ClusterID(labels[1]), DNSLabel.isValid(labels[0]) else { return nil }
            return .host(service, cluster, hostname: labels[0])
        default:
            return nil
        }
    }

    /// `labels` are those above the global namespace's domain, leftmost first.
    private func global(_ name: DomainName, _ labels: [String], _ namespace: GlobalNamespace) -> DynamicName? {
        guard let serviceLabel = labels.last, DNSLabel.isValid(serviceLabel),
            let owner = name.ancestor(droppingLabels: labels.count - 1)?.lowercased()
        else { return labels.isEmpty ? .apex(.globalNamespace) : nil }
        let service = ServiceReference(scope: .global(namespace, name: serviceLabel), owner: owner, ttl: namespace.ttl)
        switch labels.count {
        case 1:
            return .service(service)
        case 2:
            return Self.portProtocol(labels[0]).map { .portProtocol(service, $0) }
        case 3:
            guard let port = Self.underscored(labels[0]), let portProtocol = Self.portProtocol(labels[1]) else { return nil }
            return .port(service, name: port, portProtocol)
        default:
            return nil
        }
    }

    /// The protocol a `_tcp`, `_udp` or `_sctp` label names.
    private static func portProtocol(_ label: String) -> PortProtocol? {
        underscored(label).flatMap(PortProtocol.init(rawValue:))
    }

    /// The label without its leading underscore, `nil` when it has none.
    private static func underscored(_ label: String) -> String? {
        guard label.utf8.count > 1, label.utf8.first == UInt8(ascii: "_") else { return nil }
        return String(label.dropFirst())
    }
}
