import Crypto
public import EndpointTable

/// Settings of the push API: where it listens, how much it accepts, and who may call it.
///
/// ```swift
/// var settings = APISettings(host: "0.0.0.0", port: 8053)
/// settings.clusterTokens[ClusterID("aws-west")!] = APISettings.tokenHash("s3cret")
/// ```
public struct APISettings: Sendable {
    /// The address to listen on; the default is loopback only.
    public var host: String
    /// The TCP port to listen on; 0 picks a free port (see ``PushAPI/buildApplication(onServerRunning:)``).
    public var port: Int
    /// The largest request body accepted; a larger one gets 413.
    public var maxBodyBytes: Int
    /// The most endpoints one snapshot or delta may carry.
    public var maxEndpointsPerPush: Int
    /// What one cluster's pushes may hold.
    public var quotas: ClusterQuotas
    /// SHA-256 of each cluster agent's bearer token: that token writes only its own cluster and reads everything.
    public var clusterTokens: [ClusterID: [UInt8]]
    /// SHA-256 of the admin bearer token, which reads everything and deletes clusters.
    public var adminTokenHash: [UInt8]?
    /// Who client certificates name, when the API serves mutual TLS; `nil` otherwise.
    public var clientIdentities: ClientIdentities?

    /// Settings listening on `host:port`; with no tokens the API is open (see ``openMode``).
    public init(
        host: String = "127.0.0.1",
        port: Int = 8053,
        maxBodyBytes: Int = 8 * 1024 * 1024,
        maxEndpointsPerPush: Int = 100_000,
        quotas: ClusterQuotas = ClusterQuotas(),
        clusterTokens: [ClusterID: [UInt8]] = [:],
        adminTokenHash: [UInt8]? = nil,
        clientIdentities: ClientIdentities? = nil
    ) {
        self.host = host
        self.port = port
        self.maxBodyBytes = maxBodyBytes
        self.maxEndpointsPerPush = maxEndpointsPerPush
        self.quotas = quotas
        self.clusterTokens = clusterTokens
        self.adminTokenHash = adminTokenHash
        self.clientIdentities = clientIdentities
    }

    /// True when no token and no client certificate identities are configured: every request
    /// is allowed. Only safe on loopback, so the caller must refuse open mode on any other address.
    public var openMode: Bool {
        clusterTokens.isEmpty && adminTokenHash == nil && clientIdentities == nil
    }

    /// The SHA-256 of `token`, the form in which settings hold tokens.
    public static func tokenHash(_ token: String) -> [UInt8] {
        Array(SHA256.hash(data: Array(token.utf8)))
    }
}
