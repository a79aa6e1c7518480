internal import Authority
internal import DNSWire
internal import EndpointTable

extension DiscoverySettings {
    /// The answer settings the configuration describes; values were validated when the file was read.
    init(configuration: Configuration) throws(ConfigurationError) {
        let answers = configuration.answers
        var networks: [ClusterNetwork] = []
        for (index, (id, cluster)) in try configuration.identifiedClusters().enumerated() {
            for (networkIndex, text) in cluster.networks.enumerated() {
                guard let network = IPNetwork(text) else {
                    throw ConfigurationError(
                        key: "clusters[\(index)].networks[\(networkIndex)]", reason: "\(text) has bits set past its prefix length")
                }
                networks.append(ClusterNetwork(network: network, cluster: id))
            }
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
            maxRecords: answers.maxRecords)
    }

    private static func domain(_ text: String, key: String) throws(ConfigurationError) -> DomainName {
        do {
            return try DomainName(text)
        } catch {
            throw ConfigurationError(key: key, reason: "\(error)")
        }
    }
}
