import EndpointTable
import ServerTLS

/// Who a client certificate names: an admin when one of its names is listed in ``admins``, the
/// cluster a name of the form of one of ``clusterPatterns`` holds otherwise; nobody else.
///
///     let identities = ClientIdentities(clusterPatterns: [IdentityPattern("spiffe://acme.example/cluster/{cluster}")!],
///                                       admins: ["spiffe://acme.example/admin/ops"])
public struct ClientIdentities: Sendable, Hashable {
    /// The forms of name that identify a cluster, tried in order.
    public var clusterPatterns: [IdentityPattern]
    /// The names (URIs or DNS names, exactly) that identify an admin.
    public var admins: Set<String>

    /// Identities by `clusterPatterns` and `admins`.
    public init(clusterPatterns: [IdentityPattern], admins: Set<String>) {
        self.clusterPatterns = clusterPatterns
        self.admins = admins
    }

    /// The caller `names` identify, or `nil` when none does. An admin name wins; two names
    /// naming different clusters identify nobody.
    func caller(_ names: PeerNames) -> Caller? {
        if names.uris.contains(where: admins.contains) || names.dnsNames.contains(where: { admins.contains($0) }) {
            return .admin
        }
        var clusters: Set<ClusterID> = []
        for pattern in clusterPatterns {
            for name in pattern.matchesDNSNames ? names.dnsNames : names.uris {
                if let id = pattern.cluster(in: name) {
                    clusters.insert(id)
                }
            }
        }
        guard clusters.count == 1, let id = clusters.first else { return nil }
        return .cluster(id)
    }
}
