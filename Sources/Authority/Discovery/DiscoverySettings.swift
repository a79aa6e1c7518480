public import DNSWire
public import GNSModel

/// What the dynamic names answer: the MCS clusterset domain, the global namespaces, where clients
/// sit, how answers are ordered and how many records one answer holds.
public struct DiscoverySettings: Hashable, Sendable {
    /// The MCS domain (KEP-1645): services appear as `<svc>.<ns>.svc.<clustersetDomain>`.
    public var clustersetDomain: DomainName
    /// The TTL of every record synthesised under `clustersetDomain`.
    public var clustersetTTL: UInt32
    public var globalNamespaces: [GlobalNamespace]
    /// Client networks per cluster, for the `local-first` policy.
    public var clusterNetworks: [ClusterNetwork]
    public var policy: AnswerPolicy
    /// The most records one RRset of a dynamic answer holds (at least 1); rotation lets later
    /// queries reach the rest. Answers are capped by this policy, never silently by size: a UDP
    /// answer that still does not fit is sent truncated (TC).
    public var maxRecords: Int
    /// The longest TTL of an answer from clusters whose leases lapsed (fail static), so clients
    /// ask again soon; RFC 8767 suggests 30 seconds.
    public var staleAnswerTTL: UInt32
    /// True when extended DNS errors carry text naming the clusters behind a stale answer, or
    /// why no cluster answers a name. Off by default: it discloses cluster names.
    public var extendedErrorText: Bool
    /// What MCS names do with the exports of clusters whose lease expired.
    public var expiredPolicy: ExpiredPolicy
    /// Per-service overrides of the expired policy, for the service's MCS names and its exports
    /// in global-namespace names alike.
    public var serviceExpiredPolicies: [ServiceKey: ExpiredPolicy]
    /// True when clients gnsd cannot place in a cluster see exports whose visibility is limited;
    /// off by default (`answers.unplaced-clients: deny`).
    public var unplacedClientsSeeRestricted: Bool

    /// The KEP-1645 defaults: `clusterset.local.`, 5 s TTL, `local-first`, at most 8 records per
    /// RRset; stale answers live at most 30 s and carry no text; expired clusters kept.
    public init(
        clustersetDomain: DomainName = Self.defaultClustersetDomain, clustersetTTL: UInt32 = 5,
        globalNamespaces: [GlobalNamespace] = [], clusterNetworks: [ClusterNetwork] = [],
        policy: AnswerPolicy = .localFirst, maxRecords: Int = 8, staleAnswerTTL: UInt32 = 30, extendedErrorText: Bool = false,
        expiredPolicy: ExpiredPolicy = .keep, serviceExpiredPolicies: [ServiceKey: ExpiredPolicy] = [:],
        unplacedClientsSeeRestricted: Bool = false
    ) {
        self.clustersetDomain = clustersetDomain
        self.clustersetTTL = clustersetTTL
        self.globalNamespaces = globalNamespaces
        self.clusterNetworks = clusterNetworks
        self.policy = policy
        self.maxRecords = maxRecords
        self.staleAnswerTTL = staleAnswerTTL
        self.extendedErrorText = extendedErrorText
        self.expiredPolicy = expiredPolicy
        self.serviceExpiredPolicies = serviceExpiredPolicies
        self.unplacedClientsSeeRestricted = unplacedClientsSeeRestricted
    }

    /// The rules candidates are judged by for `viewer`.
    func candidateRules(for viewer: Viewer) -> CandidateRules {
        CandidateRules(policies: expiredPolicies, viewer: viewer)
    }

    /// The viewer a client placed in `cluster` (none: `nil`) is.
    func viewer(placedIn cluster: ClusterID?) -> Viewer {
        cluster.map(Viewer.cluster) ?? .unplaced(allowed: unplacedClientsSeeRestricted)
    }

    /// The expired policies, as candidates are judged by them.
    var expiredPolicies: ExpiredPolicies {
        ExpiredPolicies(clusterset: expiredPolicy, services: serviceExpiredPolicies)
    }

    /// `clusterset.local.`, the domain KEP-1645 prescribes.
    public static let defaultClustersetDomain = try! DomainName("clusterset.local.")

    /// Every domain with synthesised names: the clusterset domain, then each global namespace's.
    public var dynamicDomains: [DomainName] {
        [clustersetDomain] + globalNamespaces.map(\.domain)
    }

    /// The dynamic domains that no zone of `zoneSet` holds; their names would be refused.
    public func domainsWithoutZone(in zoneSet: ZoneSet) -> [DomainName] {
        dynamicDomains.filter { zoneSet.zone(for: $0) == nil }
    }
}
