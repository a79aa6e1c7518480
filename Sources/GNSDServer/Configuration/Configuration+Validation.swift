internal import NIOCore

extension Configuration {
    /// Checks what single keys cannot: required keys, unique ids and domains, and that an API
    /// reachable beyond loopback has tokens. Called once the file and the flags are merged.
    public func validate() throws(ConfigurationError) {
        var clusterIDs: Set<String> = []
        for (index, cluster) in clusters.enumerated() {
            let key = "clusters[\(index)].id"
            guard !cluster.id.isEmpty else { throw ConfigurationError(key: key, reason: "is required") }
            guard clusterIDs.insert(cluster.id).inserted else {
                throw ConfigurationError(key: key, reason: "cluster \(cluster.id) is listed twice")
            }
        }
        var domains: Set<String> = [answers.clustersetDomain]
        for (index, namespace) in globalNamespaces.enumerated() {
            let key = "global-namespaces[\(index)]"
            guard !namespace.name.isEmpty else { throw ConfigurationError(key: "\(key).name", reason: "is required") }
            guard !namespace.domain.isEmpty else { throw ConfigurationError(key: "\(key).domain", reason: "is required") }
            guard domains.insert(namespace.domain).inserted else {
                throw ConfigurationError(key: "\(key).domain", reason: "\(namespace.domain) is already used by another domain")
            }
            guard !namespace.members.isEmpty else {
                throw ConfigurationError(key: "\(key).members", reason: "needs at least one member")
            }
            for (memberIndex, member) in namespace.members.enumerated() where member.namespace.isEmpty {
                throw ConfigurationError(key: "\(key).members[\(memberIndex)].namespace", reason: "is required")
            }
        }
        try validateUniqueTokens()
        try queryLog.validate()
        let transferKeys = try transfer.tsigKeys()
        _ = try transfer.access(keys: transferKeys)
        _ = try transfer.notifyTargets(keys: transferKeys)
        if let tls = api.tls {
            for (key, value) in [("certificate", tls.certificate), ("key", tls.key)] where value.isEmpty {
                throw ConfigurationError(key: "api.tls.\(key)", reason: "is required")
            }
        } else if !api.allowPlaintext, !api.listen.isLoopback {
            throw ConfigurationError(
                key: "api.listen",
                reason:
                    "\(api.listen) is beyond loopback; configure api.tls (certificate and key), or set api.allow-plaintext: true if a TLS proxy in front encrypts the traffic"
            )
        }
        if let dot = dns.tls {
            guard !dot.listen.isEmpty else { throw ConfigurationError(key: "dns.tls.listen", reason: "is required") }
            guard (dot.certificate == nil) == (dot.key == nil) else {
                throw ConfigurationError(key: "dns.tls", reason: "give certificate and key together, or neither to use api.tls's")
            }
            guard dot.certificate != nil || api.tls != nil else {
                throw ConfigurationError(key: "dns.tls.certificate", reason: "is required when api.tls is not configured")
            }
        }
        if isOpen, !api.listen.isLoopback {
            throw ConfigurationError(
                key: "api.listen",
                reason: "\(api.listen) is beyond loopback; configure clusters[].token-sha256, api.admin-token-sha256 or api.tls.client-ca first")
        }
    }

    /// True when no token and no client CA is configured: the push API then accepts every
    /// request, which gnsd allows only on loopback.
    public var isOpen: Bool {
        api.adminTokenSHA256 == nil && clusters.allSatisfy { $0.tokenSHA256 == nil } && api.tls?.clientCA == nil
    }
}

extension ListenAddress {
    /// True for addresses in 127.0.0.0/8 and ::1.
    var isLoopback: Bool {
        switch try? SocketAddress(ipAddress: host, port: port) {
        case .v4(let address)?: UInt32(bigEndian: address.address.sin_addr.s_addr) >> 24 == 127
        case .v6?: host == "::1"
        default: false
        }
    }
}
