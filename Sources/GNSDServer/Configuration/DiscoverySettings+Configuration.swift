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
                    members: namespace.members.map { .init(clusterPattern: $0.clusters, namespace: $0.namespace) })
            },
            clusterNetworks: networks,
            policy: answers.policy,
            maxRecords: answers.maxRecords,
            staleAnswerTTL: UInt32(answers.staleTTL),
            extendedErrorText: configuration.dns.extendedErrorText)
    }

    private static func domain(_ text: String, key: String) throws(ConfigurationError) -> DomainName {
        do {
            return try DomainName(text)
        } catch {
            throw ConfigurationError(key: key, reason: "\(error)")
        }
    }
}
