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
    /// Seconds from a connection's opening until its first request head is in (`request-head-timeout`). Default 5.
    public var requestHeadTimeoutSeconds: Int
    /// Seconds from a request head until the end of its body (`request-body-timeout`). Default 60.
    public var requestBodyTimeoutSeconds: Int
    /// Seconds a keep-alive connection may wait for its next request head (`idle-timeout`). Default 75.
    public var idleTimeoutSeconds: Int
    /// Connections open at once (`max-connections`); past it the one that waited longest for a request is closed. Default 1024.
    public var maxConnections: Int
    /// HTTPS and mutual TLS (`tls`); `nil`, the default, serves plain HTTP.
    public var tls: APITLSSettings?
    /// Whether plain HTTP may be served beyond loopback (`allow-plaintext`). Default false: an
    /// address beyond loopback needs `tls`.
    public var allowPlaintext: Bool
    /// A second, plain HTTP listener serving only `/metrics`, `/healthz` and `/readyz`
    /// (`metrics-listen`), as CoreDNS serves its metrics on port 9153, for a Prometheus that
    /// cannot present the API's credentials; `nil`, the default, for none.
    public var metricsListen: ListenAddress?

    /// The defaults: loopback port 8053, 8 MiB bodies, 100000 endpoints per push and per cluster, no admin token,
    /// 5 s for a request head, 60 s for a body, 75 s idle, 1024 connections, plain HTTP on loopback only.
    public init() {
        listen = ListenAddress(host: "127.0.0.1", port: 8053)
        maxBodyBytes = 8 << 20
        maxEndpointsPerPush = 100_000
        maxEndpointsPerCluster = 100_000
        adminTokenSHA256 = nil
        requestHeadTimeoutSeconds = 5
        requestBodyTimeoutSeconds = 60
        idleTimeoutSeconds = 75
        maxConnections = 1024
        tls = nil
        allowPlaintext = false
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
            .init("request-head-timeout", \.requestHeadTimeoutSeconds, .integer(in: 1...300)),
            .init("request-body-timeout", \.requestBodyTimeoutSeconds, .integer(in: 1...3600)),
            .init("idle-timeout", \.idleTimeoutSeconds, .integer(in: 1...3600)),
            .init("max-connections", \.maxConnections, .integer(in: 16...1_000_000)),
            .optionalSection("tls", \.tls),
            .init("allow-plaintext", \.allowPlaintext, .bool),
            .init("metrics-listen", \.metricsListen, .listenAddress),
        ]
    }
}
