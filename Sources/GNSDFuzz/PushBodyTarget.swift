import EndpointTable
import PushAPI

/// Decodes and validates any bytes as a snapshot body and as a delta body, as the push routes
/// do, and applies what is accepted to an endpoint table holding one earlier snapshot of the
/// cluster: neither validation nor the table may trap, whatever the body.
enum PushBodyTarget {
    static let cluster = ClusterID("fuzz-1")!
    static let settings = APISettings()
    /// What the cluster exported before the body, at generation 1.
    static let earlier = TableChange.snapshot(
        cluster, generation: 1, info: ClusterInfo(region: "eu-west"),
        exports: [
            ServiceExport(
                key: ServiceKey(namespace: "default", name: "web")!, kind: .clusterSetIP([IPAddress("172.16.0.10")!]),
                ports: [ServicePort(name: "http", port: 80, portProtocol: .tcp)],
                endpoints: [Endpoint(addresses: [IPAddress("10.0.0.1")!], hostname: "web-0", ready: true)]),
            ServiceExport(
                key: ServiceKey(namespace: "default", name: "db")!, kind: .headless, ports: [],
                endpoints: [Endpoint(addresses: [IPAddress("10.0.0.2")!, IPAddress("fd00::2")!], ready: false)]),
        ])

    static func prepare() {
        _ = freshTable()
    }

    static func run(_ input: UnsafeRawBufferPointer) {
        let json = Array(input)
        let table = freshTable()
        if let change = try? PushAPI.validatedSnapshot(json: json, cluster: cluster, settings: settings) {
            _ = try? table.apply(change)
        }
        if let change = try? PushAPI.validatedDelta(json: json, cluster: cluster, settings: settings, holding: table.snapshot) {
            _ = try? table.apply(change)
        }
    }

    /// An in-memory table holding `earlier`.
    private static func freshTable() -> EndpointTable {
        do {
            let table = try EndpointTable(store: InMemoryEndpointStore(), clock: ManualLeaseClock(), settings: TableSettings())
            try table.apply(earlier)
            return table
        } catch {
            fatalError("the fuzz table does not build: \(error)")
        }
    }
}
