internal import Authority
internal import DNSWire
internal import EndpointTable

extension DiscoverySettings {
    /// The answer settings the configuration describes; values were validated when the file was read.
    init(configuration: Configuration) throws(ConfigurationError) {
        let answers = configuration.answers
        let networks = try configuration.identifiedClusters().flatMap { id, cluster in
            cluster.networks.map { ClusterNetwork(network: $0, cluster: id) }
        }
        self.init(
            clustersetDomain: try Self.domain(answers.clustersetDomain, key: "answers.clusterset-domain"),
            clustersetTTL: UInt32(answers.clustersetTTL),
            globalNamespaces: try configuration.globalNamespaces.enumerated().map { index, namespace throws(ConfigurationError) in
                GlobalNamespace(
                    name: namespace.name,
                    domain: try Self.domain(namespace.domain, key: "global-namespaces[\(index)].domain"),
                    ttl: UInt32(namespace.ttl),
                    members: namespace.members.map { .init(clusterPattern: $0.clusters, namespace: $0.namespace) },
                    expiredPolicy: namespace.expired)
            },
            clusterNetworks: networks,
            policy: answers.policy,
            maxRecords: answers.maxRecords,
            staleAnswerTTL: UInt32(answers.staleTTL),
            extendedErrorText: configuration.dns.extendedErrorText,
            expiredPolicy: answers.expired,
            serviceExpiredPolicies: try Self.expiredOverrides(answers.expiredOverrides),
            unplacedClientsSeeRestricted: answers.unplacedClients == .allow)
    }

    /// The overrides by service; a service named twice is an error.
    private static func expiredOverrides(_ overrides: [AnswerSettings.ExpiredOverride]) throws(ConfigurationError) -> [ServiceKey: ExpiredPolicy] {
        var policies: [ServiceKey: ExpiredPolicy] = [:]
        for (index, override) in overrides.enumerated() {
            let key = "answers.expired-overrides[\(index)]"
            guard let service = ServiceKey(namespace: override.namespace, name: override.service) else {
                throw ConfigurationError(key: key, reason: "namespace and service are required")
            }
            guard policies.updateValue(override.expired, forKey: service) == nil else {
                throw ConfigurationError(key: key, reason: "service \(service) is already overridden")
            }
        }
        return policies
    }

    private static func domain(_ text: String, key: String) throws(ConfigurationError) -> DomainName {
        do {
            return try DomainName(text)
        } catch {
            throw ConfigurationError(key: key, reason: "\(error)")
        }
    }
}
