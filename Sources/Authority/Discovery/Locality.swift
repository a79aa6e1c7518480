/// How close a cluster is to the client, the tiers of the `local-first` policy.
enum Locality: Int, Comparable, CaseIterable {
    case clientCluster, sameRegion, other

    static func < (lhs: Locality, rhs: Locality) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The name explanations use.
    var label: String {
        switch self {
        case .clientCluster: "client-cluster"
        case .sameRegion: "same-region"
        case .other: "other"
        }
    }
}
