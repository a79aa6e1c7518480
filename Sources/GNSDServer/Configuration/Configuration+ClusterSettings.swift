public import Authority
internal import EndpointTable

/// One cluster's credentials and networks (an entry of the `clusters:` list).
public struct ClusterSettings: Sendable, Equatable {
    /// The cluster id, a DNS label such as `aws-west` (`id`, required).
    public var id: String
    /// SHA-256 of the cluster agent's bearer token, 64 hex digits (`token-sha256`); `nil` for none.
    public var tokenSHA256: [UInt8]?
    /// Source networks of the cluster's resolvers, as CIDRs (`networks`), for locality.
    public var networks: [IPNetwork]

    public init() {
        id = ""
        tokenSHA256 = nil
        networks = []
    }

    /// A cluster with every setting given.
    public init(id: String, tokenSHA256: [UInt8]? = nil, networks: [IPNetwork] = []) {
        self.id = id
        self.tokenSHA256 = tokenSHA256
        self.networks = networks
    }
}

extension Configuration {
    /// The configured clusters with their parsed ids.
    func identifiedClusters() throws(ConfigurationError) -> [(id: ClusterID, settings: ClusterSettings)] {
        var result: [(id: ClusterID, settings: ClusterSettings)] = []
        for (index, cluster) in clusters.enumerated() {
            guard let id = ClusterID(cluster.id) else {
                throw ConfigurationError(key: "clusters[\(index)].id", reason: "expected a cluster id, got \(cluster.id.debugDescription)")
            }
            result.append((id, cluster))
        }
        return result
    }
}

extension ClusterSettings: ConfigurationSection {
    static var fields: [ConfigurationField<Self>] {
        [
            .init("id", \.id, .clusterID),
            .init("token-sha256", \.tokenSHA256, .hexBytes(count: 32)),
            .init("networks", \.networks) { node throws(ConfigurationError) in
                try node.list { item throws(ConfigurationError) in try item.scalar(.cidr) }
            },
        ]
    }
}

/// A global namespace: one domain that spans the member clusters' namespaces (an entry of `global-namespaces:`).
public struct GlobalNamespaceSettings: Sendable, Equatable {
    /// Which exports belong to the namespace: clusters matching a glob, in one Kubernetes namespace.
    public struct Member: Sendable, Equatable {
        /// Cluster id glob with `*` and `?` (`clusters`). Default `*`.
        public var clusters: String
        /// The Kubernetes namespace (`namespace`, required).
        public var namespace: String

        public init() {
            clusters = "*"
            namespace = ""
        }

        /// A member selecting `namespace` in the clusters matching `clusters`.
        public init(clusters: String = "*", namespace: String) {
            self.clusters = clusters
            self.namespace = namespace
        }
    }

    /// A short name for listings (`name`, required).
    public var name: String
    /// The domain, such as `acme.local` (`domain`, required); it needs a zone file.
    public var domain: String
    /// TTL of its answers in seconds (`ttl`). Default 5.
    public var ttl: Int
    /// The member selectors (`members`, at least one).
    public var members: [Member]
    /// What its names do with the exports of clusters whose lease expired (`expired`: `keep` or
    /// `withdraw`). Default `keep`.
    public var expired: ExpiredPolicy

    public init() {
        name = ""
        domain = ""
        ttl = 5
        members = []
        expired = .keep
    }

    /// A namespace with every setting given.
    public init(name: String, domain: String, ttl: Int = 5, members: [Member]) {
        self.name = name
        self.domain = domain
        self.ttl = ttl
        self.members = members
        self.expired = .keep
    }
}

extension GlobalNamespaceSettings: ConfigurationSection {
    static var fields: [ConfigurationField<Self>] {
        [
            .init("name", \.name, .text(maxBytes: 63)),
            .init("domain", \.domain, .domainName),
            .init("ttl", \.ttl, .integer(in: 0...86400)),
            .init("members", \.members) { node throws(ConfigurationError) in
                try node.list { item throws(ConfigurationError) in try item.section() }
            },
            .init("expired", \.expired, .choice),
        ]
    }
}

extension GlobalNamespaceSettings.Member: ConfigurationSection {
    static var fields: [ConfigurationField<Self>] {
        [
            .init("clusters", \.clusters, .text(maxBytes: 63)),
            .init("namespace", \.namespace, .label),
        ]
    }
}

extension ConfigurationParser where Value == String {
    /// A cluster id: one lower-case DNS label.
    static var clusterID: Self {
        Self { text throws(ConfigurationError) in
            guard ClusterID(text) != nil else {
                throw ConfigurationError(reason: "expected a cluster id (a lower-case DNS label), got \(text.debugDescription)")
            }
            return text
        }
    }

    /// A lower-case DNS label, such as a Kubernetes namespace.
    static var label: Self {
        Self { text throws(ConfigurationError) in
            guard DNSLabel.isValid(text) else {
                throw ConfigurationError(reason: "\(DNSLabel.rule), got \(text.debugDescription)")
            }
            return text
        }
    }

}

extension ConfigurationParser where Value == IPNetwork {
    /// A network in CIDR form, `10.1.0.0/16` or `fd00::/8`, with no bit set past the prefix.
    static var cidr: Self {
        Self { text throws(ConfigurationError) in
            guard let network = IPNetwork(text) else {
                throw ConfigurationError(reason: "expected a network such as 10.1.0.0/16, got \(text.debugDescription)")
            }
            return network
        }
    }
}
