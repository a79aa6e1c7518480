public import PushAPI

extension ClusterQuotas: ConfigurationSection {
    /// The `quotas:` section: what one cluster's pushes may hold. Each key's default is
    /// documented on its ``ClusterQuotas`` property.
    static var fields: [ConfigurationField<Self>] {
        [
            .init("services-per-cluster", \.servicesPerCluster, .integer(in: 1...1_000_000)),
            .init("ips-per-export", \.ipsPerExport, .integer(in: 1...1024)),
            .init("ports-per-export", \.portsPerExport, .integer(in: 0...65535)),
            .init("addresses-per-endpoint", \.addressesPerEndpoint, .integer(in: 1...1024)),
            .init("labels-per-cluster", \.labelsPerCluster, .integer(in: 0...10_000)),
            .init("label-key-bytes", \.labelKeyBytes, .integer(in: 1...65536)),
            .init("label-value-bytes", \.labelValueBytes, .integer(in: 0...65536)),
            .init("region-bytes", \.regionBytes, .integer(in: 0...65536)),
            .init("zone-bytes", \.zoneBytes, .integer(in: 0...65536)),
        ]
    }
}
