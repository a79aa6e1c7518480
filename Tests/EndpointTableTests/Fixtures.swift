import EndpointTable
import Foundation

/// Short name for ``Fixtures`` in test tables.
typealias F = Fixtures

/// Names and values the tests share.
enum Fixtures {
    static let west = ClusterID("aws-west")!
    static let east = ClusterID("gcp-east")!
    static let north = ClusterID("azure-north")!

    static let web = ServiceKey(namespace: "default", name: "web")!
    static let api = ServiceKey(namespace: "default", name: "api")!
    static let db = ServiceKey(namespace: "data", name: "db")!

    static func address(_ text: String) -> IPAddress {
        IPAddress(text)!
    }

    /// A headless export whose endpoints have the given addresses and readiness.
    static func headless(_ key: ServiceKey, _ endpoints: [(String, ready: Bool)]) -> ServiceExport {
        ServiceExport(
            key: key,
            kind: .headless,
            ports: [ServicePort(name: "http", port: 80, portProtocol: .tcp)],
            endpoints: endpoints.map { Endpoint(addresses: [address($0.0)], ready: $0.ready) }
        )
    }

    /// A ClusterSetIP export at `serviceIP` with the given endpoints.
    static func clusterSetIP(_ key: ServiceKey, serviceIP: String, _ endpoints: [(String, ready: Bool)]) -> ServiceExport {
        var export = headless(key, endpoints)
        export.kind = .clusterSetIP([address(serviceIP)])
        return export
    }

    /// Every export in `snapshot` as `service@cluster` → addresses of its ready endpoints.
    static func readyAddresses(_ snapshot: TableSnapshot) -> [String: Set<IPAddress>] {
        var result: [String: Set<IPAddress>] = [:]
        for (key, entry) in snapshot.services {
            for (cluster, export) in entry.exports {
                result["\(key)@\(cluster)"] = Set(export.endpoints.filter(\.ready).flatMap(\.addresses))
            }
        }
        return result
    }

    /// A path for a database file inside a fresh temporary folder; remove the folder when done.
    static func temporaryDatabase() -> (folder: URL, path: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gnsd-endpoints-\(UUID().uuidString)")
        return (folder, folder.appendingPathComponent("state/endpoints.sqlite").path)
    }
}
