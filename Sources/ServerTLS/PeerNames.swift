public import NIOSSL
import X509

/// The names a peer's certificate carries in its subject alternative names: URIs (SPIFFE IDs
/// such as `spiffe://acme.example/cluster/aws-west`) and DNS names (lower-cased).
public struct PeerNames: Sendable, Hashable {
    /// The URI names, as written.
    public var uris: [String]
    /// The DNS names, lower-cased.
    public var dnsNames: [String]

    /// Names given directly.
    public init(uris: [String] = [], dnsNames: [String] = []) {
        self.uris = uris
        self.dnsNames = dnsNames
    }

    /// The names in `certificate`; none when it has no subject alternative names or they cannot be read.
    public init(_ certificate: NIOSSLCertificate) {
        self.init()
        guard let der = try? certificate.toDERBytes(), let parsed = try? Certificate(derEncoded: der),
            let names = try? parsed.extensions.subjectAlternativeNames
        else { return }
        for name in names {
            switch name {
            case .uniformResourceIdentifier(let uri): uris.append(uri)
            case .dnsName(let dnsName): dnsNames.append(dnsName.lowercased())
            default: break
            }
        }
    }

    /// Every name, URIs first.
    public var all: [String] {
        uris + dnsNames
    }
}
