import EndpointTable

/// A form of certificate name that identifies a cluster: a URI or DNS name with one `{cluster}`
/// where the cluster id stands, such as `spiffe://acme.example/cluster/{cluster}` or
/// `{cluster}.agents.gnsd.acme.example`. The id must fill a whole path segment or label: a
/// lower-case DNS label, never holding `/` or `.`.
public struct IdentityPattern: Sendable, Hashable, CustomStringConvertible {
    /// The text before `{cluster}`.
    let prefix: String
    /// The text after `{cluster}`.
    let suffix: String

    /// The placeholder a pattern holds once.
    public static let placeholder = "{cluster}"

    /// The pattern `text`; `nil` unless it holds ``placeholder`` exactly once.
    public init?(_ text: String) {
        let parts = text.components(separatedBy: Self.placeholder)
        guard parts.count == 2 else { return nil }
        prefix = parts[0]
        suffix = parts[1]
    }

    /// Whether the pattern names DNS names rather than URIs.
    var matchesDNSNames: Bool {
        !prefix.contains("://")
    }

    /// The cluster `name` identifies by this pattern, if it has the pattern's form.
    func cluster(in name: String) -> ClusterID? {
        let subject = matchesDNSNames ? name.lowercased() : name
        let expectedPrefix = matchesDNSNames ? prefix.lowercased() : prefix
        let expectedSuffix = matchesDNSNames ? suffix.lowercased() : suffix
        guard subject.utf8.count > expectedPrefix.utf8.count + expectedSuffix.utf8.count, subject.hasPrefix(expectedPrefix),
            subject.hasSuffix(expectedSuffix)
        else { return nil }
        let id = subject.dropFirst(expectedPrefix.count).dropLast(expectedSuffix.count)
        return ClusterID(String(id))
    }

    /// The pattern as written.
    public var description: String {
        prefix + Self.placeholder + suffix
    }
}
