/// A kubeconfig file (`kind: Config`), reduced to the entries the source can use.
struct Kubeconfig: Decodable {
    /// An entry of `clusters`.
    struct NamedCluster: Decodable {
        var name: String
        var cluster: Cluster
    }

    /// How to reach and trust one API server.
    struct Cluster: Decodable {
        var server: String?
        var certificateAuthority: String?
        var certificateAuthorityData: String?
        var insecureSkipTLSVerify: Bool?

        private enum CodingKeys: String, CodingKey {
            case server
            case certificateAuthority = "certificate-authority"
            case certificateAuthorityData = "certificate-authority-data"
            case insecureSkipTLSVerify = "insecure-skip-tls-verify"
        }
    }

    /// An entry of `users`.
    struct NamedUser: Decodable {
        var name: String
        var user: User
    }

    /// The credentials of one user; `exec`, `auth-provider` and basic auth are recognised only to be refused.
    struct User: Decodable {
        /// Any YAML value, decoded only to note that the key is there.
        struct Present: Decodable {
            init(from decoder: any Decoder) throws {}
        }

        var token: String?
        var tokenFile: String?
        var clientCertificate: String?
        var clientCertificateData: String?
        var clientKey: String?
        var clientKeyData: String?
        var exec: Present?
        var authProvider: Present?
        var username: String?

        private enum CodingKeys: String, CodingKey {
            case token, tokenFile, exec, username
            case clientCertificate = "client-certificate"
            case clientCertificateData = "client-certificate-data"
            case clientKey = "client-key"
            case clientKeyData = "client-key-data"
            case authProvider = "auth-provider"
        }
    }

    /// An entry of `contexts`.
    struct NamedContext: Decodable {
        var name: String
        var context: Context
    }

    /// A cluster and the user to reach it as.
    struct Context: Decodable {
        var cluster: String
        var user: String?
    }

    var currentContext: String?
    var clusters: [NamedCluster]?
    var users: [NamedUser]?
    var contexts: [NamedContext]?

    private enum CodingKeys: String, CodingKey {
        case clusters, users, contexts
        case currentContext = "current-context"
    }
}
