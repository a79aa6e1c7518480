import Authority
import DNSWire
import EndpointTable
import SeededRandom
import Testing

/// Random sequences of snapshots (some stale), deltas (some against the wrong base generation),
/// heartbeats, deletions and clock steps, applied to a real endpoint table answered by a real
/// answer source and to ``AnswerModel``. After every step, for every service, the MCS and the
/// global-namespace names must answer, A and AAAA, the set of addresses and the rcode the model
/// says, with the SOA serial advanced by the table's version; both must accept the same changes.
struct AnswerModelTests {
    static let tableSettings = TableSettings(leaseDuration: .seconds(10), leaseGrace: .zero)
    static let clusters = ["aws-west", "azure-north", "gcp-east"].map { ClusterID($0)! }
    /// Each service with the kind it is usually exported with.
    static let services: [(key: ServiceKey, headless: Bool)] = [
        (ServiceKey(namespace: "default", name: "web")!, false),
        (ServiceKey(namespace: "default", name: "api")!, false),
        (ServiceKey(namespace: "default", name: "db")!, true),
        (ServiceKey(namespace: "shop", name: "web")!, true),
    ]
    static let queries: [AnswerModel.Query] =
        services.map { .clusterset($0.key) }
        + ["web", "api", "db"].map { .global($0) } + ["default", "shop"].map { .namespace($0) }
    static let endpointAddresses = ["10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4", "10.0.0.5"].map { IPAddress($0)! }
    static let endpointV6Addresses = ["fd00:e::1", "fd00:e::2"].map { IPAddress($0)! }
    static let serviceIPs = ["172.16.0.1", "172.16.0.2", "172.16.0.3"].map { IPAddress($0)! }
    static let serviceV6IPs = ["fd00:5::1", "fd00:5::2"].map { IPAddress($0)! }
    static let ports = [ServicePort(name: "http", port: 80, portProtocol: .tcp)]

    /// The clusterset.local and acme.local zones with nothing but their SOA, so that no zone-file
    /// name shadows a service or namespace name.
    static let zones = try! ZoneSet(
        zones: ["clusterset.local", "acme.local"].map { origin in
            let apex = DiscoveryFixture.name(origin)
            let soa = SOARecord(
                primaryServer: DiscoveryFixture.name("ns1.\(origin)"), responsibleMailbox: DiscoveryFixture.name("hostmaster.\(origin)"),
                serial: 2026010100, refresh: 7200, retry: 3600, expire: 1_209_600, minimum: 30)
            return Zone(origin: apex, records: [ResourceRecord(name: apex, ttl: 3600, rdata: .soa(soa))])
        })

    /// Every cluster's default namespace forms acme.local.
    static func discoverySettings(policy: AnswerPolicy) -> DiscoverySettings {
        let acme = GlobalNamespace(
            name: "acme", domain: DiscoveryFixture.name("acme.local"), members: [.init(clusterPattern: "*", namespace: "default")])
        let networks = clusters.enumerated().map { ClusterNetwork(network: IPNetwork("10.\($0.offset + 1).0.0/16")!, cluster: $0.element) }
        return DiscoverySettings(globalNamespaces: [acme], clusterNetworks: networks, policy: policy, maxRecords: 64)
    }

    enum Step {
        case change(TableChange)
        /// Move the lease clock, then expire leases.
        case advance(Duration)
    }

    /// Draws steps that are mostly valid, so that services come and go, leases lapse and renew,
    /// and every refusal occurs now and then.
    struct StepGenerator {
        var random: SplitMix64

        /// Mostly above `current`, sometimes equal or below.
        mutating func generation(after current: UInt64) -> UInt64 {
            random.chance(10) ? current - min(current, UInt64(random.number(0...1))) : current + UInt64(random.number(1...2))
        }

        /// Up to three endpoints, some not ready, some dual-stack; now and then of the unusual kind.
        mutating func export(_ service: (key: ServiceKey, headless: Bool)) -> ServiceExport {
            let endpoints = (0..<random.number(0...3)).map { _ in
                let v4 = random.pick(AnswerModelTests.endpointAddresses)
                return Endpoint(
                    addresses: random.chance(25) ? [v4, random.pick(AnswerModelTests.endpointV6Addresses)] : [v4], ready: random.chance(60),
                    weight: UInt16(random.number(0...2)))
            }
            let kind: ServiceKind =
                switch (service.headless != random.chance(10), random.number(1...10)) {
                case (true, _): .headless
                case (false, 1): .clusterSetIP([random.pick(AnswerModelTests.serviceV6IPs)])
                case (false, 2...4): .clusterSetIP([random.pick(AnswerModelTests.serviceIPs), random.pick(AnswerModelTests.serviceV6IPs)])
                case (false, _): .clusterSetIP([random.pick(AnswerModelTests.serviceIPs)])
                }
            return ServiceExport(key: service.key, kind: kind, ports: AnswerModelTests.ports, endpoints: endpoints)
        }

        mutating func operation() -> DeltaOperation {
            let service = random.pick(AnswerModelTests.services)
            switch random.number(1...3) {
            case 1: return .upsert(export(service))
            case 2: return .remove(service.key)
            default:
                let address = random.pick(AnswerModelTests.endpointAddresses + AnswerModelTests.endpointV6Addresses)
                return .setReadiness(service.key, address: address, ready: random.chance(50))
            }
        }

        mutating func step(model: AnswerModel) -> Step {
            let cluster = random.pick(AnswerModelTests.clusters)
            let current = model.generation(of: cluster)
            switch random.number(1...100) {
            case 1...20:
                let exports = AnswerModelTests.services.filter { _ in random.chance(60) }.map { export($0) }
                let info = ClusterInfo(region: random.pick(["eu", "us"]))
                return .change(.snapshot(cluster, generation: generation(after: current), info: info, exports: exports))
            case 21...55:
                let base = random.chance(85) ? current : generation(after: current)
                let operations = (0..<random.number(0...3)).map { _ in operation() }
                return .change(.delta(cluster, baseGeneration: base, generation: generation(after: base), operations: operations))
            case 56...72:
                return .change(.heartbeat(cluster))
            case 73...75:
                return .change(.deleteCluster(cluster))
            default:
                return .advance(.seconds(random.number(1...8)))
            }
        }

        /// A client outside every cluster network, or inside one.
        mutating func client() -> ClientContext {
            let network = random.number(0...AnswerModelTests.clusters.count)
            return ClientContext(sourceAddress: network == 0 ? [192, 0, 2, 200] : [10, UInt8(network), 0, 5])
        }
    }

    @Test(arguments: [1, 2, 3] as [UInt64], AnswerPolicy.allCases)
    func answersAgreeWithTheModel(seed: UInt64, policy: AnswerPolicy) async throws {
        let clock = ManualLeaseClock(now: .seconds(1000))
        let table = try EndpointTable(store: InMemoryEndpointStore(), clock: clock, settings: Self.tableSettings)
        let answerSource = AnswerSource(
            zones: ZoneSetPublisher(Self.zones), table: { table.snapshot }, settings: Self.discoverySettings(policy: policy), seed: seed)
        var model = AnswerModel(leaseDuration: Self.tableSettings.leaseDuration, memberNamespace: "default")
        var generator = StepGenerator(random: SplitMix64(seed: seed))
        var outcomes: Set<String> = []

        for index in 0..<300 {
            // Seconds of work: yield at each step, so the tests running beside get the pool's threads too.
            await Task.yield()
            let step = generator.step(model: model)
            switch step {
            case .change(let change):
                let accepted = (try? table.apply(change)) != nil
                try #require(accepted == model.apply(change, now: clock.now), "seed \(seed), step \(index): \(step)")
                outcomes.insert(accepted ? "accepted" : "refused")
            case .advance(let duration):
                clock.advance(by: duration)
                table.advance()
                if model.expireLeases(now: clock.now) {
                    outcomes.insert("lapse")
                }
            }
            let client = generator.client()
            for query in Self.queries {
                let name = DiscoveryFixture.name(query.description)
                for type in [RecordType.a, .aaaa] {
                    let expected = model.answer(query, type: type)
                    let observed = Self.answer(answerSource.lookup(name, type: type, client: client), type: type, name: name)
                    try #require(observed == expected.answer, "seed \(seed), policy \(policy), step \(index) (\(step)): \(query) \(type)")
                    outcomes.insert(Self.label(expected.answer))
                    if expected.failStatic {
                        outcomes.insert("fail static")
                    }
                }
            }
        }
        #expect(outcomes == ["accepted", "refused", "lapse", "addresses", "NODATA", "NXDOMAIN", "fail static"])
    }

    /// The answer source's result as the model states answers.
    static func answer(_ result: LookupResult, type: RecordType, name: DomainName) -> AnswerModel.Answer {
        let serialAdvance = result.sections.authorities.first.flatMap { record -> UInt32? in
            guard case .soa(let soa) = record.rdata, let zone = Self.zones.zone(for: name) else { return nil }
            return soa.serial &- zone.serial
        }
        switch (result, serialAdvance) {
        case (.answer(let sections), _):
            let addresses = sections.answers.compactMap { record -> IPAddress? in
                switch (record.rdata, type) {
                case (.a(let address), .a): record.name == name ? .v4(address) : nil
                case (.aaaa(let address), .aaaa): record.name == name ? .v6(address) : nil
                default: nil
                }
            }
            let distinct = Set(addresses)
            guard distinct.count == sections.answers.count else { return .unexpected("\(result)") }
            return .addresses(distinct)
        case (.noData, let serialAdvance?):
            return .noData(serialAdvance: serialAdvance)
        case (.nameError, let serialAdvance?):
            return .nameError(serialAdvance: serialAdvance)
        default:
            return .unexpected("\(result)")
        }
    }

    static func label(_ answer: AnswerModel.Answer) -> String {
        switch answer {
        case .addresses: "addresses"
        case .noData: "NODATA"
        case .nameError: "NXDOMAIN"
        case .unexpected: "unexpected"
        }
    }
}
