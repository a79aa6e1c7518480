/// What `gnsd agent` is asked to do, as given on its command line, before
/// ``AgentApplication`` checks it.
public struct AgentOptions: Sendable {
    /// The cluster's id, an RFC 1123 label.
    public var cluster: String
    /// Base URLs of the gnsd push APIs; none means `http://127.0.0.1:8053`.
    public var servers: [String] = []
    /// The cluster's bearer token; none means `$GNSD_AGENT_TOKEN`, else no token.
    public var token: String?
    /// The CA gnsd's `https://` certificate must chain to; none means `$GNSD_AGENT_CA_FILE`,
    /// else the system's roots.
    public var caFile: String?
    /// The cluster's client certificate for gnsd's mutual TLS; none means `$GNSD_AGENT_CLIENT_CERTIFICATE`.
    public var clientCertificate: String?
    /// Its key; none means `$GNSD_AGENT_CLIENT_KEY`.
    public var clientKey: String?
    /// Send the token to `http://` servers beyond loopback, in clear text.
    public var allowsPlaintextToken = false
    /// The exports file, re-read when it changes.
    public var file: String?
    /// Read the exports from the cluster's Kubernetes API instead of a file.
    public var kubernetes = false
    /// With `kubernetes`: a kubeconfig file instead of the pod's service account.
    public var kubeconfig: String?
    /// With `kubeconfig`: the context to use instead of the current one.
    public var context: String?
    /// With `kubernetes`: only this namespace.
    public var namespace: String?
    /// Seconds between heartbeats, from 0.1 to 3600.
    public var heartbeatSeconds: Double = 3
    /// Seconds the source must keep a state whose withdrawals gnsd holds before the agent
    /// confirms them (1 to 3600); `nil` never confirms.
    public var confirmWithdrawalsAfterSeconds: Double?
    /// The cluster's region and zone, sent with each snapshot.
    public var region: String?
    public var zone: String?

    public init(cluster: String) {
        self.cluster = cluster
    }
}
