internal import Atomics
public import DNSWire
public import EndpointTable

/// Answers questions from the zone files and the endpoint table together: the zone files first,
/// then, for names they do not have, the MCS names under `svc.<clusterset>` and the names of every
/// global namespace, synthesised from the current table snapshot.
///
/// An answer from clusters whose leases lapsed (fail static) has its TTLs capped at the
/// settings' `staleAnswerTTL` and carries the Stale Answer extended error (RFC 8767, RFC 8914).
///
/// A name in a zone file wins over a service of the same name: anything the zone file holds (a
/// record, a wildcard match, an empty non-terminal above its records, a delegation or a CNAME
/// chain) is answered from the zone file alone. Every SOA of a zone that holds dynamic names
/// carries the zone file's serial plus the table's answer version, so the serial advances with
/// every table change that can alter an answer, and never goes back across restarts.
///
/// Lock-free: a query loads the current zone set and table snapshot once and answers from them.
///
///     let answerSource = AnswerSource(zones: publisher, table: { table.snapshot }, settings: DiscoverySettings())
///     guard answerSource.missingZones().isEmpty else { ... }
///     let result = answerSource.lookup(try DomainName("web.shop.svc.clusterset.local"), type: .a, client: context)
public final class AnswerSource: Sendable {
    public let settings: DiscoverySettings
    private let zones: ZoneSetPublisher
    private let table: @Sendable () -> TableSnapshot
    let namespaces: DynamicNamespaces
    /// The cluster networks, longest prefix first.
    private let networks: [ClusterNetwork]
    private let seed: UInt64
    /// Counts dynamic answers; rotates tiers and seeds weighted shuffles.
    private let counter = ManagedAtomic<UInt64>(0)
    private let namespaceIndex: ManagedAtomic<NamespaceIndex>
    private let addressIndex: ManagedAtomic<AddressIndex>

    /// - Parameters:
    ///   - zones: the zone files; each dynamic domain needs a zone holding it (see ``missingZones()``).
    ///   - table: the current endpoint table snapshot; called once per query, so it must be cheap (an atomic load).
    ///   - seed: seeds the `weighted` policy's shuffles; fix it to replay answers in tests.
    public init(
        zones: ZoneSetPublisher, table: @escaping @Sendable () -> TableSnapshot, settings: DiscoverySettings,
        seed: UInt64 = .random(in: .min ... .max)
    ) {
        self.settings = settings
        self.zones = zones
        self.table = table
        self.namespaces = DynamicNamespaces(settings: settings)
        self.networks = settings.clusterNetworks.enumerated()
            .sorted { ($0.element.network.prefixLength, $1.offset) > ($1.element.network.prefixLength, $0.offset) }
            .map(\.element)
        self.seed = seed
        self.namespaceIndex = ManagedAtomic(NamespaceIndex(snapshot: .empty, policies: settings.expiredPolicies))
        self.addressIndex = ManagedAtomic(AddressIndex(snapshot: .empty))
    }

    /// The zones served now.
    public var zoneSet: ZoneSet {
        zones.zoneSet
    }

    /// The dynamic domains (the clusterset domain and each global namespace's) that no loaded zone
    /// holds; their names would be refused. gnsd refuses to start unless this is empty.
    public func missingZones() -> [DomainName] {
        settings.domainsWithoutZone(in: zones.zoneSet)
    }

    /// Answers `type` for `name` asked by `client`; dynamic answers rotate between calls.
    public func lookup(_ name: DomainName, type: RecordType, client: ClientContext = ClientContext()) -> LookupResult {
        lookUp(name, type: type, client: client).result
    }

    /// What ``lookup(_:type:client:)`` would answer now and why, without moving the rotation.
    public func explain(_ name: DomainName, type: RecordType, client: ClientContext = ClientContext()) -> Explanation {
        let state = currentState()
        let lookup = lookUp(name, type: type, client: client, rotation: .current, state: state)
        let placement = ClientPlacement(client: client, networks: networks)
        let sections = lookup.result.sections
        let candidates = lookup.selection?.candidates ?? []
        return Explanation(
            name: name.description, type: type.description, zone: lookup.zone?.description, source: lookup.source,
            clientCluster: placement.cluster?.name, clientClusterSource: placement.method, clientPlacement: placement.account,
            policy: settings.policy,
            candidates: candidates.map { candidate in
                Explanation.Candidate(
                    cluster: candidate.cluster.name, namespace: candidate.namespace, lease: candidate.lease.rawValue,
                    readyEndpoints: candidate.readyCount, locality: lookup.ordering?.locality(of: candidate).label ?? Locality.other.label,
                    included: candidate.isIncluded, reason: candidate.reason, notes: candidate.policyNotes(in: state.table))
            },
            failStatic: lookup.selection?.failStatic ?? false, rcode: lookup.result.rcode.description,
            authoritative: lookup.result.isAuthoritative, answers: sections.answers.map(\.description),
            authorities: sections.authorities.map(\.description), additionals: sections.additionals.map(\.description))
    }

    /// Which query number orders a dynamic answer.
    enum RotationStep {
        /// The next one: successive queries get successive orders.
        case next
        /// The last one handed out, leaving the rotation where it is.
        case current
        /// This one, drawn before with ``AnswerSource/nextRotation()``.
        case fixed(UInt64)
    }

    /// Draws the number of the next dynamic answer, which picks its order.
    func nextRotation() -> UInt64 {
        counter.loadThenWrappingIncrement(ordering: .relaxed)
    }

    /// The number the next dynamic answer will draw.
    var currentRotation: UInt64 { counter.load(ordering: .relaxed) }

    /// The cluster networks, longest prefix first, as client placement matches them.
    var placementNetworks: [ClusterNetwork] { networks }

    /// The zone set and table snapshot one answer is built from.
    typealias State = (zones: ZoneSet, table: TableSnapshot)

    /// The state a query would answer from now.
    func currentState() -> State {
        (zones.zoneSet, table())
    }

    /// The lookup with what explanations, the client-subnet scope and answer copies need, from
    /// `state` (by default the current one); `period` learns after how many rotation steps the
    /// answer repeats.
    /// `recordCap` replaces the settings' `maxRecords` and orders records round-robin from the
    /// first (transfers take every record, in no particular order); `viewer` replaces the one the
    /// client's placement gives (transfers answer for everyone).
    func lookUp(
        _ name: DomainName, type: RecordType, client: ClientContext, rotation: RotationStep = .next, period: RotationPeriod? = nil,
        state: State? = nil, recordCap: Int? = nil, viewer: Viewer? = nil
    ) -> Lookup {
        let (zoneSet, snapshot) = state ?? currentState()
        guard let zone = zoneSet.zone(for: name) else {
            return Lookup(result: .refused, source: .none, facts: AnswerFacts(extendedError: ExtendedDNSError(.notAuthoritative)))
        }
        let staticResult = zone.lookup(name, type: type)
        guard namespaces.touches(zone: zone.origin) else {
            return Lookup(result: staticResult, zone: zone.origin, source: .static)
        }
        let serialOffset = UInt32(truncatingIfNeeded: snapshot.answerVersion)
        guard case .nameError(let sections) = staticResult, sections.answers.isEmpty, let dynamicName = namespaces.classify(name) else {
            return Lookup(
                result: staticResult.advancingSerial(by: serialOffset), zone: zone.origin, source: .static,
                facts: AnswerFacts(serialFollowsTable: true))
        }
        let placement = ClientPlacement(client: client, networks: networks)
        let ordering = AnswerOrdering(
            policy: recordCap == nil ? settings.policy : .roundRobin, clientCluster: placement.cluster,
            clientRegion: placement.cluster.flatMap { snapshot.clusters[$0]?.info.region },
            counter: counterValue(rotation), seed: seed, period: period)
        let query = DynamicQuery(
            name: name, type: type, snapshot: snapshot, negativeSOA: zone.negativeSOA.advancingSerial(by: serialOffset),
            ordering: ordering, maxRecords: recordCap ?? max(1, settings.maxRecords),
            namespaceIndex: namespaceIndex, addressIndex: addressIndex, settings: settings,
            viewer: viewer ?? settings.viewer(placedIn: placement.cluster))
        let outcome = query.answer(dynamicName)
        var lookup = Lookup(
            result: outcome.result, zone: zone.origin, source: dynamicName.source, ordering: ordering, selection: outcome.selection,
            facts: AnswerFacts(dependency: dynamicName.tableDependency, serialFollowsTable: true))
        if case .answer = outcome.result, settings.policy == .localFirst, !networks.isEmpty {
            lookup.facts.dependsOnClient = outcome.selection?.spansClusters ?? false
        }
        if outcome.variesByViewer {
            lookup.facts.dependsOnClient = true
        }
        lookup.facts.extendedError = outcome.extendedError ?? outcome.selection?.extendedError(withText: settings.extendedErrorText)
        if outcome.selection?.failStatic == true {
            lookup.result = lookup.result.cappingTTLs(at: settings.staleAnswerTTL)
        }
        return lookup
    }

    /// The address index of `table`, kept in the slot reverse queries share when `table` is current.
    func addressIndex(for table: TableSnapshot) -> AddressIndex {
        AddressIndex.current(for: table, in: addressIndex)
    }

    private func counterValue(_ rotation: RotationStep) -> UInt64 {
        switch rotation {
        case .next: nextRotation()
        case .current: currentRotation
        case .fixed(let value): value
        }
    }
}
