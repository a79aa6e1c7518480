public import Authority
internal import DNSWire

/// How endpoint answers are chosen (the `answers:` section).
public struct AnswerSettings: Sendable, Equatable {
    /// The order of endpoints in an answer: `local-first`, `round-robin` or `weighted` (`policy`). Default `local-first`.
    public var policy: AnswerPolicy
    /// Most address or SRV records per answer, rotated between queries (`max-records`). Default 8.
    public var maxRecords: Int
    /// The MCS domain (`clusterset-domain`). Default `clusterset.local`.
    public var clustersetDomain: String
    /// TTL of MCS answers in seconds (`clusterset-ttl`). Default 5.
    public var clustersetTTL: Int
    /// The longest TTL, in seconds, of an answer from clusters whose leases lapsed (`stale-ttl`),
    /// which carries the Stale Answer extended error. Default 30, as RFC 8767 suggests.
    public var staleTTL: Int
    /// What MCS names do with the exports of clusters whose lease expired (`expired`: `keep` or
    /// `withdraw`). Default `keep`.
    public var expired: ExpiredPolicy
    /// Per-service expired policies (`expired-overrides`), winning over `expired` and the global
    /// namespaces' for that service's exports.
    public var expiredOverrides: [ExpiredOverride]
    /// Whether clients gnsd places in no cluster see exports visible to some clusters only
    /// (`unplaced-clients`: `deny` or `allow`). Default `deny`.
    public var unplacedClients: UnplacedClients

    /// What clients in no cluster network see of exports whose visibility is limited.
    public enum UnplacedClients: String, Sendable, CaseIterable {
        /// Such exports do not exist for them.
        case deny
        /// They see such exports as every cluster would.
        case allow
    }

    /// One entry of `answers.expired-overrides`: the service `namespace`/`service` and its policy.
    public struct ExpiredOverride: Sendable, Equatable {
        /// The Kubernetes namespace (`namespace`, required).
        public var namespace: String
        /// The service's name (`service`, required).
        public var service: String
        /// The policy (`expired`, required).
        public var expired: ExpiredPolicy

        public init() {
            namespace = ""
            service = ""
            expired = .keep
        }
    }

    /// The defaults: local-first, 8 records, `clusterset.local` with 5-second TTLs, stale answers 30 seconds at most.
    public init() {
        policy = .localFirst
        maxRecords = 8
        clustersetDomain = "clusterset.local."
        clustersetTTL = 5
        staleTTL = 30
        expired = .keep
        expiredOverrides = []
        unplacedClients = .deny
    }
}

extension AnswerSettings: ConfigurationSection {
    static var fields: [ConfigurationField<Self>] {
        [
            .init("policy", \.policy, .choice),
            .init("max-records", \.maxRecords, .integer(in: 1...64)),
            .init("clusterset-domain", \.clustersetDomain, .domainName),
            .init("clusterset-ttl", \.clustersetTTL, .integer(in: 0...86400)),
            .init("stale-ttl", \.staleTTL, .integer(in: 0...86400)),
            .init("expired", \.expired, .choice),
            .init("expired-overrides", \.expiredOverrides) { node throws(ConfigurationError) in
                try node.list { item throws(ConfigurationError) in try item.section() }
            },
            .init("unplaced-clients", \.unplacedClients, .choice),
        ]
    }
}

extension AnswerSettings.ExpiredOverride: ConfigurationSection {
    static var fields: [ConfigurationField<Self>] {
        [
            .init("namespace", \.namespace, .label),
            .init("service", \.service, .label),
            .init("expired", \.expired, .choice),
        ]
    }
}

extension ConfigurationParser where Value == String {
    /// A domain name in presentation form, returned absolute and lower-cased (`acme.local.`).
    static var domainName: Self {
        Self { text throws(ConfigurationError) in
            guard !text.isEmpty, let name = try? DomainName(text), !name.isRoot else {
                throw ConfigurationError(reason: "expected a domain name, got \(text.debugDescription)")
            }
            return name.lowercased().description
        }
    }
}
