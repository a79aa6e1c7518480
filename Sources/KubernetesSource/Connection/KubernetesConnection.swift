internal import NIOSSL

/// How to reach a Kubernetes API server: its address, credentials and TLS settings.
///
///     let connection = try KubernetesConnection.inCluster()
///     let connection = try KubernetesConnection.kubeconfig(file: "/etc/gnsd/kubeconfig", context: "aws-west")
public struct KubernetesConnection: Sendable {
    /// The API server's base URL, such as `https://10.96.0.1:443`.
    public let server: String
    /// True when the server's certificate is not verified (a kubeconfig's `insecure-skip-tls-verify`).
    public let skipsTLSVerification: Bool
    let token: BearerToken
    /// The TLS settings for an `https` server; `nil` for plain HTTP.
    let tls: TLSConfiguration?

    init(server: String, token: BearerToken, tls: TLSConfiguration?, skipsTLSVerification: Bool) {
        self.server = server.hasSuffix("/") ? String(server.dropLast()) : server
        self.token = token
        self.tls = tls
        self.skipsTLSVerification = skipsTLSVerification
    }
}
