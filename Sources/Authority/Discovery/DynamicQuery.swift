internal import Atomics
internal import DNSWire
internal import EndpointTable

/// Answers one dynamic name from one table snapshot: existence rules first (NXDOMAIN for names
/// never exported, NODATA for names that exist without data of the type), then the records of the
/// clusters the health rules let in, in the order the policy asks for.
struct DynamicQuery {
    /// The result, the candidates behind it for explanations, and the extended error it carries
    /// when the candidates alone do not say (see ``CandidateSelection/extendedError(withText:)``).
    struct Outcome {
        var result: LookupResult
        var selection: CandidateSelection?
        var extendedError: ExtendedDNSError?
        /// True when an export behind the answer is visible to some clients only, so the answer
        /// depends on who asks (the selection's candidates tell otherwise).
        var dependsOnViewer = false

        /// True when the answer can differ between clients for the exports' visibility.
        var variesByViewer: Bool {
            dependsOnViewer || selection?.candidates.contains(where: { $0.export.visibility != nil }) == true
        }
    }

    /// The MCS schema version KEP-1645 §2.2 publishes at `dns-version.<clusterset>`.
    static let schemaVersion = TXTRecord("1.0.0")

    let name: DomainName
    let type: RecordType
    let snapshot: TableSnapshot
    /// The zone's SOA for NXDOMAIN and NODATA, its serial already advanced with the table.
    let negativeSOA: ResourceRecord
    let ordering: AnswerOrdering
    let maxRecords: Int
    /// The answer source's cache of the namespaces holding MCS service names.
    let namespaceIndex: ManagedAtomic<NamespaceIndex>
    /// The answer source's cache of the services exporting each address, for reverse names.
    let addressIndex: ManagedAtomic<AddressIndex>
    let settings: DiscoverySettings
    /// Who asks, for the exports' visibility.
    let viewer: Viewer

    func answer(_ dynamicName: DynamicName) -> Outcome {
        switch dynamicName {
        case .schemaVersion:
            let record = ResourceRecord(name: name, ttl: settings.clustersetTTL, rdata: .txt(Self.schemaVersion))
            return Outcome(result: answer(types: [.txt]) { _ in LookupResult.Sections(answers: [record]) })
        case .apex:
            return Outcome(result: noData)
        case .namespace(let namespace):
            let exists = NamespaceIndex.current(for: snapshot, in: namespaceIndex).contains(namespace)
            return Outcome(result: exists ? noData : nameError)
        case .service(let service):
            return serviceAnswer(service)
        case .portProtocol(let service, let portProtocol):
            let candidates = service.scope.candidates(in: snapshot, rules: settings.candidateRules(for: viewer))
            let exists =
                service.scope.exists(candidates)
                && candidates.contains { candidate in
                    !candidate.isLeftOut && candidate.export.ports.contains { $0.name != nil && $0.portProtocol == portProtocol }
                }
            return Outcome(result: exists ? noData : nameError, selection: CandidateSelection(candidates))
        case .port(let service, let port, let portProtocol):
            return portAnswer(service, port: port, portProtocol)
        case .cluster(let service, let cluster):
            let candidates = service.scope.candidates(in: snapshot, rules: settings.candidateRules(for: viewer)).filter { $0.cluster == cluster }
            let selection = CandidateSelection(candidates) { $0.hasReadyHost() }
            return Outcome(result: hasHost(candidates, nil) ? noData : nameError, selection: selection)
        case .host(let service, let cluster, let hostname):
            let candidates = service.scope.candidates(in: snapshot, rules: settings.candidateRules(for: viewer)).filter { $0.cluster == cluster }
            let selection = CandidateSelection(candidates) { $0.hasReadyHost(hostname) }
            guard hasHost(candidates, hostname) else { return Outcome(result: nameError, selection: selection) }
            let result = answer(types: [.a, .aaaa]) { type in
                LookupResult.Sections(answers: addressRecords(type, owner: name, ttl: service.ttl, selection: selection, host: hostname))
            }
            return Outcome(result: result, selection: selection)
        case .reverse(let reverse):
            return reverseAnswer(reverse)
        }
    }

    /// `<svc>.<ns>.svc.<clusterset>` and `<svc>.<domain>`: service IPs and headless endpoint
    /// addresses, and SRV records of every port as CoreDNS answers them (the service name as
    /// target, or each ready endpoint host of a headless MCS service).
    private func serviceAnswer(_ service: ServiceReference) -> Outcome {
        let candidates = service.scope.candidates(in: snapshot, rules: settings.candidateRules(for: viewer))
        let selection = CandidateSelection(candidates)
        guard service.scope.exists(candidates) else { return Outcome(result: nameError, selection: selection) }
        let headless = service.scope.isClustersetHeadless(candidates)
        let result = answer(types: [.a, .aaaa, .srv]) { type in
            guard type == .srv else {
                return LookupResult.Sections(answers: addressRecords(type, owner: service.owner, ttl: service.ttl, selection: selection))
            }
            return headless
                ? endpointServiceRecords(service, ports: .every, selection: selection)
                : serviceRecords(service, ports: .every, selection: selection, targetSelection: selection)
        }
        return Outcome(result: result, selection: selection)
    }

    /// `_<port>._<proto>.<service>`: exists while any export has the named port.
    private func portAnswer(_ service: ServiceReference, port: String, _ portProtocol: PortProtocol) -> Outcome {
        let candidates = service.scope.candidates(in: snapshot, rules: settings.candidateRules(for: viewer))
        let headless = service.scope.isClustersetHeadless(candidates)
        let selection = CandidateSelection(candidates) { $0.hasPort(named: port, portProtocol) && (!headless || $0.hasReadyHost()) }
        guard service.scope.exists(candidates),
            candidates.contains(where: { !$0.isLeftOut && $0.hasPort(named: port, portProtocol) })
        else { return Outcome(result: nameError, selection: selection) }
        let result = answer(types: [.srv]) { _ in
            headless
                ? endpointServiceRecords(service, ports: .named(port, portProtocol), selection: selection)
                : serviceRecords(service, ports: .named(port, portProtocol), selection: selection, targetSelection: CandidateSelection(candidates))
        }
        return Outcome(result: result, selection: selection)
    }

    /// True when a non-conflicting headless candidate has a ready endpoint with `hostname` (with any hostname for `nil`).
    private func hasHost(_ candidates: [ServiceCandidate], _ hostname: String?) -> Bool {
        candidates.contains { !$0.isLeftOut && $0.isHeadless && $0.hasReadyHost(hostname) }
    }

    /// The answer for the query type among `types` (ascending), whose records `sections` computes;
    /// ANY gets the first RRset that has records (RFC 8482 §4.2). No records: NODATA.
    func answer(types: [RecordType], sections: (RecordType) -> LookupResult.Sections) -> LookupResult {
        for candidate in types where type == candidate || type == .any {
            let found = sections(candidate)
            if !found.answers.isEmpty {
                return .answer(found)
            }
        }
        return noData
    }

    var noData: LookupResult { .noData(LookupResult.Sections(authorities: [negativeSOA])) }

    var nameError: LookupResult { .nameError(LookupResult.Sections(authorities: [negativeSOA])) }
}
