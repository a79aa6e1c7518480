public import Authority

/// The `dns.rate-limit:` section: response rate limiting of UDP answers (see
/// ``RateLimitSettings``); `rate-limit: null` turns it off.
extension RateLimitSettings: ConfigurationSection {
    static var fields: [ConfigurationField<Self>] {
        [
            .init("responses-per-second", \.responsesPerSecond, .integer(in: 0...1_000_000)),
            .init("nxdomains-per-second", \.nxdomainsPerSecond, .integer(in: 0...1_000_000)),
            .init("errors-per-second", \.errorsPerSecond, .integer(in: 0...1_000_000)),
            .init("slip", \.slip, .integer(in: 0...10)),
            .init("ipv4-prefix-length", \.ipv4PrefixLength, .integer(in: 8...32)),
            .init("ipv6-prefix-length", \.ipv6PrefixLength, .integer(in: 16...128)),
            .init("exempt", \.exempt) { node throws(ConfigurationError) in
                try node.list { item throws(ConfigurationError) in try item.scalar(.cidr) }
            },
            .init("table-size", \.tableSize, .integer(in: 1...(1 << 24))),
        ]
    }
}

extension ConfigurationField {
    /// A key holding a nested section, or `null`, which turns it off (`nil`).
    static func optionalSection<Nested: ConfigurationSection>(_ key: String, _ property: WritableKeyPath<Section, Nested?>) -> Self {
        Self(key, property) { node throws(ConfigurationError) in
            node.isNull ? nil : try node.section() as Nested
        }
    }
}

extension Configuration {
    /// The rate limiting of UDP answers the configuration asks for, with every cluster's
    /// `networks` exempt besides `dns.rate-limit.exempt`: the CoreDNS forwarders there relay
    /// a whole cluster's queries and are never limited; `nil` when it is off.
    var udpRateLimit: RateLimitSettings? {
        guard var settings = dns.rateLimit else { return nil }
        for network in clusters.flatMap(\.networks) where !settings.exempt.contains(network) {
            settings.exempt.append(network)
        }
        return settings
    }
}
