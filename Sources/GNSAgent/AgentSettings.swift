public import GNSClient
public import GNSModel
public import KubernetesSource

/// What a cluster agent pushes where, and how often.
public struct AgentSettings: Sendable {
    /// The cluster whose exports the agent pushes.
    public var cluster: ClusterID
    /// Base URLs of every gnsd replica's push API, such as `http://127.0.0.1:8053`.
    public var servers: [String]
    /// The cluster's bearer token, if the replicas require one.
    public var token: String?
    /// The CA and client certificate for `https://` replicas.
    public var tls: ClientTLS
    /// Send the token to `http://` replicas beyond loopback, in clear text.
    public var allowsPlaintextToken: Bool
    /// Region, zone and labels sent with every snapshot.
    public var info: ClusterInfo
    /// Time between heartbeats; a third of the replicas' lease is a good value.
    public var heartbeat: Duration
    /// Longest time one request may take.
    public var requestTimeout: Duration
    /// How long a pusher waits before retrying a replica that failed.
    public var backoff: Backoff
    /// How long the source must keep a state whose withdrawals a replica holds (its withdrawal
    /// guard) before the agent pushes it again marked intended; `nil`, the default, leaves the
    /// replica's hold to run its course.
    public var confirmWithdrawalsAfter: Duration?

    /// Settings with a 3 s heartbeat, 5 s request timeout and the default backoff.
    public init(
        cluster: ClusterID, servers: [String], token: String? = nil, tls: ClientTLS = ClientTLS(), allowsPlaintextToken: Bool = false,
        info: ClusterInfo = ClusterInfo(), heartbeat: Duration = .seconds(3), requestTimeout: Duration = .seconds(5), backoff: Backoff = Backoff(),
        confirmWithdrawalsAfter: Duration? = nil
    ) {
        self.cluster = cluster
        self.servers = servers
        self.token = token
        self.tls = tls
        self.allowsPlaintextToken = allowsPlaintextToken
        self.info = info
        self.heartbeat = heartbeat
        self.requestTimeout = requestTimeout
        self.backoff = backoff
        self.confirmWithdrawalsAfter = confirmWithdrawalsAfter
    }
}
