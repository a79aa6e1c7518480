import EndpointTable
import Testing

@testable import Authority

/// The namespace index follows table changes from the change log and agrees with a full rebuild.
struct NamespaceIndexTests {
    static let aws = ClusterID("aws-west")!
    static let gcp = ClusterID("gcp-east")!

    static func export(_ namespace: String, _ name: String, ready: Bool = true) -> ServiceExport {
        ServiceExport(
            key: ServiceKey(namespace: namespace, name: name)!, kind: .headless, ports: [],
            endpoints: [Endpoint(addresses: [IPAddress("10.1.0.1")!], ready: ready)])
    }

    static func namespaces(_ index: NamespaceIndex, _ candidates: [String]) -> [String] {
        candidates.filter { index.contains($0) }
    }

    @Test func deltasUpdateTheIndexAsARebuildWould() throws {
        let clock = ManualLeaseClock()
        let table = try EndpointTable(store: InMemoryEndpointStore(), clock: clock, settings: TableSettings())
        let all = ["shop", "billing", "idle", "ops"]
        var index = NamespaceIndex(snapshot: table.snapshot, policies: DiscoverySettings().expiredPolicies)
        let steps: [TableChange] = [
            .snapshot(Self.aws, generation: 1, info: ClusterInfo(), exports: [Self.export("shop", "web"), Self.export("billing", "db")]),
            .snapshot(Self.gcp, generation: 1, info: ClusterInfo(), exports: [Self.export("idle", "cron", ready: false)]),
            .delta(Self.aws, baseGeneration: 1, generation: 2, operations: [.remove(ServiceKey(namespace: "billing", name: "db")!)]),
            .delta(Self.gcp, baseGeneration: 1, generation: 2, operations: [.upsert(Self.export("ops", "web"))]),
            .delta(
                Self.gcp, baseGeneration: 2, generation: 3,
                operations: [
                    .setReadiness(
                        ServiceKey(namespace: "idle", name: "cron")!, address: IPAddress("10.1.0.1")!, ready: true)
                ]),
            .heartbeat(Self.aws),
        ]
        let expected = [["shop", "billing"], ["shop", "billing"], ["shop"], ["shop", "ops"], ["shop", "idle", "ops"], ["shop", "idle", "ops"]]
        for (step, namespaces) in zip(steps, expected) {
            let snapshot = try table.apply(step)
            index = index.updated(to: snapshot)
            #expect(Self.namespaces(index, all) == namespaces)
            #expect(Self.namespaces(NamespaceIndex(snapshot: snapshot, policies: DiscoverySettings().expiredPolicies), all) == namespaces)
        }
    }
}
