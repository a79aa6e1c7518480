internal import EndpointTable
internal import PushAPI

extension APISettings {
    /// The push API settings the configuration describes.
    init(configuration: Configuration) throws(ConfigurationError) {
        var tokens: [ClusterID: [UInt8]] = [:]
        for (id, cluster) in try configuration.identifiedClusters() {
            tokens[id] = cluster.tokenSHA256
        }
        let api = configuration.api
        self.init(
            host: api.listen.host, port: api.listen.port, maxBodyBytes: api.maxBodyBytes,
            maxEndpointsPerPush: api.maxEndpointsPerPush, quotas: configuration.quotas, clusterTokens: tokens,
            adminTokenHash: api.adminTokenSHA256, clientIdentities: api.tls?.clientIdentities)
    }
}
