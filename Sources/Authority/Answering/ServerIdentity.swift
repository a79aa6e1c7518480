internal import DNSWire

/// What a server says of itself in class CHAOS (RFC 4892), as BIND, Knot, NSD and CoreDNS's
/// `chaos` do: `id.server` and `hostname.bind` name the replica, `version.server` and
/// `version.bind` the software. A hidden value, and any other CHAOS name, is REFUSED.
public struct ServerIdentity: Hashable, Sendable {
    /// The replica's name; `nil` hides it.
    public var identity: String?
    /// The version; `nil` hides it.
    public var version: String?

    public init(identity: String? = nil, version: String? = nil) {
        self.identity = identity
        self.version = version
    }

    private static let identityNames: Set<DomainName> = [try! DomainName("id.server."), try! DomainName("hostname.bind.")]
    private static let versionNames: Set<DomainName> = [try! DomainName("version.server."), try! DomainName("version.bind.")]

    /// Fills `response` for a CHAOS `question`: the TXT record (TTL 0) for TXT and ANY, NODATA
    /// for other types, REFUSED for hidden values (Prohibited) and other names (Not
    /// Authoritative); returns the extended error the response carries.
    func answer(_ question: Question, into response: inout Message) -> ExtendedDNSError? {
        let isIdentity = Self.identityNames.contains(question.name)
        guard isIdentity || Self.versionNames.contains(question.name) else {
            response.rcode = .refused
            return ExtendedDNSError(.notAuthoritative)
        }
        guard let value = isIdentity ? identity : version else {
            response.rcode = .refused
            return ExtendedDNSError(.prohibited)
        }
        response.rcode = .noError
        response.header.authoritativeAnswer = true
        if question.type == .txt || question.type == .any {
            response.answers = [ResourceRecord(name: question.name, recordClass: .chaos, ttl: 0, rdata: .txt(TXTRecord(value)))]
        }
        return nil
    }
}
