internal import EndpointTable

/// One piece of a dynamic answer that moves as a whole when the answer is ordered: a cluster's
/// service IPs, or one headless endpoint.
struct AnswerUnit {
    /// The index of the unit's candidate in its selection.
    let candidate: Int
    /// The index of the endpoint in the candidate's export, for headless units.
    let endpoint: Int?
    let weight: UInt64
    let locality: Locality
}

/// Puts the units of one answer in the order the policy asks for, for one query.
struct AnswerOrdering {
    let policy: AnswerPolicy
    let clientCluster: ClusterID?
    let clientRegion: String?
    /// The query's number, which rotates tiers and seeds the weighted shuffle.
    let counter: UInt64
    let seed: UInt64
    /// Learns after how many queries this query's answers repeat, when the caller wants to know.
    var period: RotationPeriod? = nil

    /// Where `candidate` stands relative to the client.
    func locality(of candidate: ServiceCandidate) -> Locality {
        if let clientCluster, candidate.cluster == clientCluster { return .clientCluster }
        if let clientRegion, candidate.region == clientRegion { return .sameRegion }
        return .other
    }

    /// The units in answer order: `local-first` puts each locality tier after the closer ones and
    /// rotates within it, `round-robin` rotates them all, `weighted` draws the first `picks` units
    /// by weight and lets the rest follow rotated.
    func order(_ units: [AnswerUnit], picks: Int) -> [AnswerUnit] {
        switch policy {
        case .localFirst:
            Locality.allCases.flatMap { tier in rotated(units.filter { $0.locality == tier }) }
        case .roundRobin:
            rotated(units)
        case .weighted:
            weightedShuffle(units, picks: picks)
        }
    }

    private func rotated(_ units: [AnswerUnit]) -> [AnswerUnit] {
        guard units.count > 1 else { return units }
        period?.include(cycle: units.count)
        let shift = Int(counter % UInt64(units.count))
        return Array(units[shift...] + units[..<shift])
    }

    /// Draws units one at a time with probability proportional to weight; zero-weight units and
    /// those past `picks` keep their rotated order at the end.
    private func weightedShuffle(_ units: [AnswerUnit], picks: Int) -> [AnswerUnit] {
        period?.markUnrepeatable()
        var remaining = rotated(units)
        var total = remaining.reduce(0) { $0 + $1.weight }
        var drawn: [AnswerUnit] = []
        while drawn.count < picks, total > 0 {
            var target = randomWord(draw: UInt64(drawn.count)) % total
            let index =
                remaining.firstIndex { unit in
                    guard target >= unit.weight else { return true }
                    target -= unit.weight
                    return false
                } ?? remaining.startIndex
            total -= remaining[index].weight
            drawn.append(remaining.remove(at: index))
        }
        return drawn + remaining
    }

    /// A well-mixed word for draw number `draw` of this query, from the seed and the query counter
    /// through the MurmurHash3 finalizer: cheap, stateless and the same for the same inputs.
    private func randomWord(draw: UInt64) -> UInt64 {
        var word = seed ^ (counter &* 0x9E37_79B9_7F4A_7C15) ^ (draw &* 0xC2B2_AE3D_27D4_EB4F)
        word = (word ^ (word >> 33)) &* 0xFF51_AFD7_ED55_8CCD
        word = (word ^ (word >> 33)) &* 0xC4CE_B9FE_1A85_EC53
        return word ^ (word >> 33)
    }
}
