public import DNSWire

/// A domain such as `acme.local` whose names are the union of chosen namespaces of chosen clusters:
/// `catalog.acme.local` answers the `catalog` service of every member, wherever it runs.
///
///     GlobalNamespace(name: "acme", domain: try DomainName("acme.local"), members: [
///         .init(clusterPattern: "aws-*", namespace: "default"),
///         .init(clusterPattern: "gcp-eu-?", namespace: "shop"),
///     ])
public struct GlobalNamespace: Hashable, Sendable {
    /// Which clusters and which namespace of theirs a global namespace takes services from.
    public struct Member: Hashable, Sendable {
        /// A glob over cluster ids: `*` matches any run of characters, `?` exactly one.
        public var clusterPattern: String
        /// The Kubernetes namespace whose exports join the global namespace.
        public var namespace: String

        /// Takes the services of `namespace` in every cluster whose id matches `clusterPattern`.
        public init(clusterPattern: String, namespace: String) {
            self.clusterPattern = clusterPattern
            self.namespace = namespace
        }
    }

    /// A label for listings and explanations.
    public var name: String
    /// The domain the services appear under; a zone file must hold it.
    public var domain: DomainName
    /// The TTL of every answer record under `domain`.
    public var ttl: UInt32
    public var members: [Member]
    /// What its names do with the exports of clusters whose lease expired.
    public var expiredPolicy: ExpiredPolicy

    /// A global namespace answering for `domain` with records of `ttl` seconds.
    public init(name: String, domain: DomainName, ttl: UInt32 = 5, members: [Member], expiredPolicy: ExpiredPolicy = .keep) {
        self.name = name
        self.domain = domain
        self.ttl = ttl
        self.members = members
        self.expiredPolicy = expiredPolicy
    }
}
