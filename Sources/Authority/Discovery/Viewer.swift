internal import EndpointTable

/// Who an answer is for, as export visibility (``ExportVisibility``) sees it.
enum Viewer: Hashable {
    /// A client gnsd places in this cluster.
    case cluster(ClusterID)
    /// A client gnsd cannot place: it sees restricted exports when `allowed`
    /// (`answers.unplaced-clients`).
    case unplaced(allowed: Bool)
    /// Every client at once, as a zone transfer serves them: restricted exports are left out.
    case everyone
    /// Any client, for what does not depend on the client (a namespace's existence): nothing is
    /// left out.
    case anyone

    /// True when this viewer may resolve `export` of cluster `exporter` in `snapshot`.
    func sees(_ export: ServiceExport, of exporter: ClusterID, in snapshot: TableSnapshot) -> Bool {
        guard let visibility = export.visibility else { return true }
        switch self {
        case .anyone: return true
        case .everyone: return false
        case .unplaced(let allowed): return allowed
        case .cluster(let id):
            guard id != exporter, !visibility.clusters.contains(where: { Glob.matches($0, id.name) }) else { return true }
            guard !visibility.labels.isEmpty, let labels = snapshot.clusters[id]?.info.labels else { return false }
            return visibility.labels.allSatisfy { labels[$0.key] == $0.value }
        }
    }
}

/// What leaves a candidate out besides its kind: the expired policies and who is asking.
struct CandidateRules {
    let policies: ExpiredPolicies
    let viewer: Viewer
}
