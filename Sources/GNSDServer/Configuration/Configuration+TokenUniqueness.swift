extension Configuration {
    /// Refuses a token hash given twice: to two clusters, or to a cluster and the admin. The
    /// API would take such a token for whichever it compares first, so one agent could write
    /// another's cluster or delete clusters. The error names both keys.
    func validateUniqueTokens() throws(ConfigurationError) {
        var owners: [[UInt8]: String] = [:]
        if let admin = api.adminTokenSHA256 {
            owners[admin] = "api.admin-token-sha256"
        }
        for (index, cluster) in clusters.enumerated() {
            guard let hash = cluster.tokenSHA256 else { continue }
            let key = "clusters[\(index)].token-sha256"
            if let owner = owners[hash] {
                throw ConfigurationError(key: key, reason: "is the same token as \(owner); every cluster and the admin need a token of their own")
            }
            owners[hash] = key
        }
    }
}
