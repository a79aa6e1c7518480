/// What gnsd answers for one name, type and client, and why: the zone, where the data comes from,
/// the client's cluster, every cluster considered with its health, and the records as zone-file
/// text. Plain fields, so it encodes to JSON as it stands and decodes back, as gnsd's clients read it.
public struct Explanation: Hashable, Sendable, Codable {
    /// Where the answer comes from.
    public enum Source: String, Hashable, Sendable, Codable {
        /// The zone files.
        case `static`
        /// MCS names under the clusterset domain.
        case mcs
        case globalNamespace = "global-namespace"
        /// PTR records of the addresses served, in a reverse zone.
        case reverse
        /// No zone of ours holds the name.
        case none
    }

    /// How the client's cluster was found.
    public enum ClusterSource: String, Hashable, Sendable, Codable {
        /// From the EDNS Client Subnet.
        case ecs
        case sourceAddress = "source-address"
        /// No cluster network matched.
        case unknown
    }

    /// One cluster's export considered for the name.
    public struct Candidate: Hashable, Sendable, Codable {
        public var cluster: String
        public var namespace: String
        /// `live` or `stale`.
        public var lease: String
        public var readyEndpoints: Int
        /// `client-cluster`, `same-region` or `other`.
        public var locality: String
        public var included: Bool
        public var reason: String
        /// What the safety policies do to the candidate now (a damping hold, held withdrawals);
        /// absent when nothing.
        public var notes: [String]?

        /// One candidate row, as `AnswerSource.explain(_:type:client:)` builds it.
        public init(
            cluster: String, namespace: String, lease: String, readyEndpoints: Int, locality: String, included: Bool, reason: String,
            notes: [String]? = nil
        ) {
            self.cluster = cluster
            self.namespace = namespace
            self.lease = lease
            self.readyEndpoints = readyEndpoints
            self.locality = locality
            self.included = included
            self.reason = reason
            self.notes = notes
        }
    }

    public var name: String
    public var type: String
    /// The origin of the zone holding the name; absent when none does.
    public var zone: String?
    public var source: Source
    public var clientCluster: String?
    public var clientClusterSource: ClusterSource
    /// Where the client was placed and what decided it, or why it is in no cluster, in words:
    /// `aws-west, by the source address 10.1.0.5 in 10.1.0.0/16`.
    public var clientPlacement: String
    public var policy: AnswerPolicy
    public var candidates: [Candidate]
    /// True when stale clusters answer because no live one can.
    public var failStatic: Bool
    public var rcode: String
    public var authoritative: Bool
    public var answers: [String]
    public var authorities: [String]
    public var additionals: [String]

    /// An explanation with every field given, as `AnswerSource.explain(_:type:client:)` builds it.
    public init(
        name: String, type: String, zone: String?, source: Source, clientCluster: String?, clientClusterSource: ClusterSource,
        clientPlacement: String, policy: AnswerPolicy, candidates: [Candidate], failStatic: Bool, rcode: String, authoritative: Bool,
        answers: [String],
        authorities: [String], additionals: [String]
    ) {
        self.name = name
        self.type = type
        self.zone = zone
        self.source = source
        self.clientCluster = clientCluster
        self.clientClusterSource = clientClusterSource
        self.clientPlacement = clientPlacement
        self.policy = policy
        self.candidates = candidates
        self.failStatic = failStatic
        self.rcode = rcode
        self.authoritative = authoritative
        self.answers = answers
        self.authorities = authorities
        self.additionals = additionals
    }
}
