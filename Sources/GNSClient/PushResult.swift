/// gnsd's answer to an accepted snapshot, delta or heartbeat (the OpenAPI `PushResult` schema).
public struct PushResult: Codable, Hashable, Sendable {
    public var cluster: String
    /// The cluster's generation after the change.
    public var generation: UInt64
    /// The table version that includes the change.
    public var version: UInt64
    /// Seconds until the renewed lease lapses unless renewed again.
    public var leaseExpiresInSeconds: Double?
}
