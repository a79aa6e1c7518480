public import HashTreeCollections

/// Which cluster's export sets the kind of an MCS service that clusters export with different
/// kinds. KEP-1645 lets the oldest export win; here a stale cluster's export never decides over a
/// live one's, so the oldest export of a live cluster decides, and only when every exporting
/// cluster is stale the oldest of theirs. Equal times go to the smaller cluster id.
public struct KindDecision: Hashable, Sendable {
    /// The cluster whose export decides.
    public let cluster: ClusterID
    /// The kind its export has, which the service takes.
    public let kind: ServiceKind
    /// When the deciding cluster started exporting the service, on the table's export clock.
    public let firstExported: Duration
    /// True when the deciding cluster is live; false when every exporting cluster is stale.
    public let isLive: Bool

    /// Why the cluster decides, in words for explanations and logs.
    public var ground: String {
        isLive ? "its export is the oldest of a live cluster" : "its export is the oldest and no exporting cluster is live"
    }
}

extension ServiceEntry {
    /// The export that sets the service's kind given the clusters' leases; `nil` without exports.
    public func kindDecision(clusters: TreeDictionary<ClusterID, ClusterState>) -> KindDecision? {
        var best: KindDecision?
        for (cluster, export) in exports {
            let candidate = KindDecision(
                cluster: cluster, kind: export.kind, firstExported: firstExport(by: cluster), isLive: clusters[cluster]?.lease == .live)
            if best.map({ candidate.precedes($0) }) ?? true {
                best = candidate
            }
        }
        return best
    }

    /// True when clusters export the service with more than one kind.
    public var hasMixedKinds: Bool {
        guard let isHeadless = exports.values.first?.kind.isHeadless else { return false }
        return exports.values.contains { $0.kind.isHeadless != isHeadless }
    }
}

extension KindDecision {
    /// Live before stale, then older before younger, then the smaller cluster id.
    fileprivate func precedes(_ other: KindDecision) -> Bool {
        if isLive != other.isLive {
            return isLive
        }
        return (firstExported, cluster) < (other.firstExported, other.cluster)
    }
}

extension ServiceKind {
    /// True for a headless export, whose names reach single endpoints.
    public var isHeadless: Bool { self == .headless }

    /// `clusterSetIP` or `headless`, as KEP-1645 and the push API spell the kinds.
    public var name: String {
        switch self {
        case .clusterSetIP: "clusterSetIP"
        case .headless: "headless"
        }
    }
}
