internal import DNSWire
internal import EndpointTable

extension DynamicQuery {
    /// A reverse name: a whole served address answers PTR records naming what ``ReverseTargets``
    /// finds for it (at most `maxRecords`); a prefix of a served address is an empty
    /// non-terminal; anything else does not exist.
    func reverseAnswer(_ reverse: ReverseName) -> Outcome {
        let index = AddressIndex.current(for: snapshot, in: addressIndex)
        guard let address = reverse.address else {
            return Outcome(result: index.containsAddress(beginningWith: reverse) ? noData : nameError)
        }
        let reverseTargets = ReverseTargets(snapshot: snapshot, settings: settings, viewer: viewer)
        let services = index.services(exporting: address)
        let restricted = services.contains { snapshot.services[$0]?.exports.values.contains { $0.visibility != nil } == true }
        let targets = services.flatMap { reverseTargets.targets(of: $0, only: address)[address] ?? [] }
        let records = reverseTargets.records(at: name, naming: targets, limit: maxRecords)
        guard !records.isEmpty else { return Outcome(result: nameError, dependsOnViewer: restricted) }
        var stale: [ClusterID] = []
        for cluster in targets.flatMap(\.staleClusters) where !stale.contains(cluster) {
            stale.append(cluster)
        }
        let extendedError = stale.isEmpty ? nil : CandidateSelection.staleAnswer(from: stale, withText: settings.extendedErrorText)
        return Outcome(
            result: answer(types: [.ptr]) { _ in LookupResult.Sections(answers: records) }, extendedError: extendedError,
            dependsOnViewer: restricted)
    }
}
