internal import DNSWire
internal import EndpointTable

/// The candidates for one dynamic name after the health rules: only clusters with a live lease
/// answer, unless none of them has anything for the name; then stale clusters do (fail static).
struct CandidateSelection {
    private(set) var candidates: [ServiceCandidate]
    /// True when stale clusters answer because no live one could.
    private(set) var failStatic = false

    /// Applies the health rules; `contributes` says whether a candidate with ready endpoints has
    /// anything for the name.
    init(_ candidates: [ServiceCandidate], contributes: (ServiceCandidate) -> Bool = { _ in true }) {
        self.candidates = candidates
        var liveContributes = false
        for index in self.candidates.indices where !self.candidates[index].isLeftOut {
            let candidate = self.candidates[index]
            if candidate.readyCount == 0 {
                self.candidates[index].status = .noReadyEndpoints
            } else if !contributes(candidate) {
                self.candidates[index].status = .nothingForName
            } else {
                self.candidates[index].status = .included
                liveContributes = liveContributes || candidate.lease == .live
            }
        }
        for index in self.candidates.indices where self.candidates[index].status == .included && self.candidates[index].lease != .live {
            self.candidates[index].status = liveContributes ? .staleBehindLive : .failStatic
        }
        failStatic = self.candidates.contains { $0.status == .failStatic }
    }

    /// True when more than one cluster answers, so the order can depend on where the client is.
    var spansClusters: Bool {
        let included = candidates.lazy.filter(\.isIncluded)
        guard let first = included.first else { return false }
        return included.contains { $0.cluster != first.cluster }
    }
}

extension CandidateSelection {
    /// The extended error an answer from these candidates carries: Stale Answer when clusters
    /// whose leases lapsed answer; with `withText`, naming them, and for a name no cluster
    /// answers, an Other Error saying why each candidate is left out (the short form of `explain`).
    func extendedError(withText: Bool) -> ExtendedDNSError? {
        if failStatic {
            return Self.staleAnswer(from: candidates.filter { $0.status == .failStatic }.map(\.cluster), withText: withText)
        }
        guard withText, !candidates.isEmpty, !candidates.contains(where: \.isIncluded) else { return nil }
        let reasons = candidates.map { "\($0.cluster.name): \($0.shortReason)" }
        return ExtendedDNSError(.other, text: "no cluster answers: \(reasons.joined(separator: "; "))")
    }

    /// Stale Answer for an answer from `clusters`, whose leases lapsed; with `withText`, naming them.
    static func staleAnswer(from clusters: [ClusterID], withText: Bool) -> ExtendedDNSError {
        ExtendedDNSError(.staleAnswer, text: withText ? "fail static: leases lapsed for \(clusters.map(\.name).joined(separator: ", "))" : "")
    }
}
