/// The push API's listener and limits (the `api:` section).
public struct PushAPISettings: Sendable, Equatable {
    /// Address of the HTTP push API (`listen`). Default `127.0.0.1:8053`.
    public var listen: ListenAddress
    /// Largest request body accepted, in bytes (`max-body-bytes`). Default 8 MiB.
    public var maxBodyBytes: Int
    /// Most endpoints one push may carry (`max-endpoints-per-push`). Default 100000.
    public var maxEndpointsPerPush: Int
    /// Most endpoints one cluster may export in all (`max-endpoints-per-cluster`). Default 100000.
    public var maxEndpointsPerCluster: Int
    /// SHA-256 of the admin token, 64 hex digits (`admin-token-sha256`); `nil` for no admin token.
    public var adminTokenSHA256: [UInt8]?

    /// The defaults: loopback port 8053, 8 MiB bodies, 100000 endpoints per push and per cluster, no admin token.
    public init() {
        listen = ListenAddress(host: "127.0.0.1", port: 8053)
        maxBodyBytes = 8 << 20
        maxEndpointsPerPush = 100_000
        maxEndpointsPerCluster = 100_000
        adminTokenSHA256 = nil
    }
}

extension PushAPISettings: ConfigurationSection {
    static var fields: [ConfigurationField<Self>] {
        [
            .init("listen", \.listen, .listenAddress),
            .init("max-body-bytes", \.maxBodyBytes, .integer(in: 1024...(1 << 30))),
            .init("max-endpoints-per-push", \.maxEndpointsPerPush, .integer(in: 1...1_000_000)),
            .init("max-endpoints-per-cluster", \.maxEndpointsPerCluster, .integer(in: 1...10_000_000)),
            .init("admin-token-sha256", \.adminTokenSHA256, .hexBytes(count: 32)),
        ]
    }
}
