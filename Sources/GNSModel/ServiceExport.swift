/// A namespaced service name, `<namespace>/<name>`, each an RFC 1123 label.
public struct ServiceKey: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let namespace: String
    public let name: String

    /// `nil` unless both parts are valid DNS labels.
    public init?(namespace: String, name: String) {
        guard DNSLabel.isValid(namespace), DNSLabel.isValid(name) else { return nil }
        self.namespace = namespace
        self.name = name
    }

    public var description: String { "\(namespace)/\(name)" }

    public static func < (lhs: ServiceKey, rhs: ServiceKey) -> Bool {
        (lhs.namespace, lhs.name) < (rhs.namespace, rhs.name)
    }
}

/// The transport protocol of a service port.
public enum PortProtocol: String, Hashable, Sendable, CaseIterable {
    case tcp, udp, sctp
}

/// One port of an exported service; only named ports get SRV records.
public struct ServicePort: Hashable, Sendable {
    /// The port name (an RFC 1123 label) or `nil` for an unnamed port.
    public var name: String?
    public var port: UInt16
    public var portProtocol: PortProtocol

    public init(name: String?, port: UInt16, portProtocol: PortProtocol) {
        self.name = name
        self.port = port
        self.portProtocol = portProtocol
    }
}

/// One endpoint (a pod or VM) behind an exported service.
public struct Endpoint: Hashable, Sendable {
    public var addresses: [IPAddress]
    /// The endpoint's hostname label, which gives it its own name under a headless service.
    public var hostname: String?
    /// Only ready endpoints are answered.
    public var ready: Bool
    /// The availability zone the endpoint runs in, if known.
    public var zone: String?
    /// Relative weight for the `weighted` policy and SRV weights; 1 by default.
    public var weight: UInt16

    public init(addresses: [IPAddress], hostname: String? = nil, ready: Bool, zone: String? = nil, weight: UInt16 = 1) {
        self.addresses = addresses
        self.hostname = hostname
        self.ready = ready
        self.zone = zone
        self.weight = weight
    }
}

/// How an exported service is reached (KEP-1645): through its cluster-local service IPs, or
/// directly at its endpoints.
public enum ServiceKind: Hashable, Sendable {
    /// The cluster's service IPs (v4 and/or v6) front the endpoints.
    case clusterSetIP([IPAddress])
    /// No virtual IP: DNS answers the endpoint addresses.
    case headless
}

/// What one cluster exports for one service, as a ServiceExport with its EndpointSlices describes it.
public struct ServiceExport: Hashable, Sendable {
    public var key: ServiceKey
    public var kind: ServiceKind
    public var ports: [ServicePort]
    public var endpoints: [Endpoint]
    /// The clusters that may resolve the export; `nil`: every cluster, and clients gnsd cannot place.
    public var visibility: ExportVisibility?

    public init(key: ServiceKey, kind: ServiceKind, ports: [ServicePort], endpoints: [Endpoint], visibility: ExportVisibility? = nil) {
        self.key = key
        self.kind = kind
        self.ports = ports
        self.endpoints = endpoints
        self.visibility = visibility
    }

    /// True when at least one endpoint is ready.
    public var hasReadyEndpoint: Bool { endpoints.contains(where: \.ready) }
}

/// Where a cluster runs, for locality decisions and listings.
public struct ClusterInfo: Hashable, Sendable {
    public var region: String?
    public var zone: String?
    public var labels: [String: String]

    public init(region: String? = nil, zone: String? = nil, labels: [String: String] = [:]) {
        self.region = region
        self.zone = zone
        self.labels = labels
    }
}
