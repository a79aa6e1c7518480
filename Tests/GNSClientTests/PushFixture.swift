import Authority
import EndpointTable
import Foundation
import GNSClient
import GNSDServer
import PushAPI
import TestSupport

/// A gnsd with an admin token, a token for aws-west, a network for aws-west and the `acme`
/// global namespace, on a manual lease clock; and the exports the tests push into it.
enum PushFixture {
    static let adminToken = "admin-secret"
    static let westToken = "west-secret"
    static let west = ClusterID("aws-west")!
    static let east = ClusterID("gcp-east")!
    static let catalogKey = ServiceKey(namespace: "default", name: "catalog")!
    static let dbKey = ServiceKey(namespace: "default", name: "db")!

    /// The repository's own `zones/` directory.
    static let zones = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("zones").path

    /// aws-west's `default/catalog`: one service IP, one named port, a ready and an unready endpoint.
    static let catalog = ServiceExport(
        key: catalogKey, kind: .clusterSetIP([IPAddress("10.96.0.10")!]),
        ports: [ServicePort(name: "http", port: 80, portProtocol: .tcp)],
        endpoints: [
            Endpoint(addresses: [IPAddress("10.1.0.11")!], ready: true, zone: "us-west-2a"),
            Endpoint(addresses: [IPAddress("10.1.0.12")!], ready: false, zone: "us-west-2b", weight: 3),
        ])

    /// aws-west's `default/db`: headless, one endpoint with a hostname and two addresses.
    static let db = ServiceExport(
        key: dbKey, kind: .headless,
        ports: [ServicePort(name: "pg", port: 5432, portProtocol: .tcp), ServicePort(name: nil, port: 9187, portProtocol: .udp)],
        endpoints: [Endpoint(addresses: [IPAddress("10.1.0.31")!, IPAddress("fd00:1::31")!], hostname: "db-0", ready: true)])

    /// aws-west's first snapshot: catalog and db, in region us-west with one label.
    static let westSnapshot = SnapshotBody(
        generation: 1, cluster: ClusterInfo(region: "us-west", labels: ["cloud": "aws"]), exports: [catalog, db])

    static func configure(_ configuration: inout Configuration) {
        configuration.clusters = [
            ClusterSettings(id: west.name, tokenSHA256: APISettings.tokenHash(westToken), networks: [IPNetwork("10.1.0.0/16")!])
        ]
        configuration.api.adminTokenSHA256 = APISettings.tokenHash(adminToken)
        configuration.globalNamespaces = [GlobalNamespaceSettings(name: "acme", domain: "acme.local.", members: [.init(namespace: "default")])]
        configuration.leases.durationSeconds = 10
        configuration.leases.graceSeconds = 5
    }

    /// Runs `body` with a gnsd configured as above and an admin client of it, on a clock that
    /// stands still unless the test moves it.
    static func withAdmin<T>(_ body: (GNSClient, RunningServer, ManualLeaseClock) async throws -> T) async throws -> T {
        let clock = ManualLeaseClock()
        return try await withServer(zones: zones, clock: clock, adjust: configure) { server in
            let client = try GNSClient(server: "http://127.0.0.1:\(server.apiPort)", token: adminToken)
            do {
                let result = try await body(client, server, clock)
                await client.shutdown()
                return result
            } catch {
                await client.shutdown()
                throw error
            }
        }
    }
}
