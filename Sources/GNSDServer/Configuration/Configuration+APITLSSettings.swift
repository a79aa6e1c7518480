public import PushAPI
public import ServerTLS

/// The `api.tls:` section: HTTPS for the push API from PEM files, with mutual TLS when
/// `client-ca` is set. Who a client certificate names is read from its subject alternative
/// names: `cluster-identities` are the forms naming a cluster (`{cluster}` where its id
/// stands), `admin-identities` the names of admins.
public struct APITLSSettings: Sendable, Equatable {
    /// The server certificate chain, PEM (`certificate`); required.
    public var certificate: String
    /// The certificate's private key, PEM (`key`); required.
    public var key: String
    /// The CA certificates that sign client certificates (`client-ca`); `nil` for no mutual TLS.
    public var clientCA: String?
    /// Whether clients must present a certificate (`client-auth`: `required`, the default, or `optional`).
    public var clientAuthentication: ClientAuthentication
    /// The certificate names that identify a cluster (`cluster-identities`). Default
    /// `spiffe://gnsd/cluster/{cluster}`.
    public var clusterIdentities: [IdentityPattern]
    /// The certificate names (URIs or DNS names) that identify an admin (`admin-identities`). Default none.
    public var adminIdentities: [String]

    /// No files yet, `client-auth: required`, clusters named by `spiffe://gnsd/cluster/{cluster}`, no admins.
    public init() {
        certificate = ""
        key = ""
        clientCA = nil
        clientAuthentication = .required
        clusterIdentities = [IdentityPattern("spiffe://gnsd/cluster/{cluster}")!]
        adminIdentities = []
    }

    /// The files the push API serves.
    var files: TLSFiles {
        TLSFiles(certificate: certificate, key: key, clientCA: clientCA)
    }

    /// Who client certificates name; `nil` without a client CA.
    var clientIdentities: ClientIdentities? {
        guard clientCA != nil else { return nil }
        return ClientIdentities(clusterPatterns: clusterIdentities, admins: Set(adminIdentities))
    }
}

extension APITLSSettings: ConfigurationSection {
    static var fields: [ConfigurationField<Self>] {
        [
            .init("certificate", \.certificate, .text()),
            .init("key", \.key, .text()),
            .init("client-ca", \.clientCA, .text()),
            .init("client-auth", \.clientAuthentication, .choice),
            .init("cluster-identities", \.clusterIdentities) { node throws(ConfigurationError) in
                try node.list { item throws(ConfigurationError) in try item.scalar(.identityPattern) }
            },
            .init("admin-identities", \.adminIdentities) { node throws(ConfigurationError) in
                try node.list { item throws(ConfigurationError) in try item.scalar(.text()) }
            },
        ]
    }
}

extension ConfigurationParser where Value == IdentityPattern {
    /// A URI or DNS name holding `{cluster}` once.
    static var identityPattern: Self {
        Self { text throws(ConfigurationError) in
            guard let pattern = IdentityPattern(text) else {
                throw ConfigurationError(
                    reason: "must hold {cluster} once, as in spiffe://acme.example/cluster/{cluster}, got \(text.debugDescription)")
            }
            return pattern
        }
    }
}
