import DNSWire
import EndpointTable
import Foundation
import Testing

/// A cluster exporting 50 000 endpoints: accepted, counted, edited and restored correctly.
struct LargeTableTests {
    static let serviceCount = 50
    static let endpointsPerService = 1_000

    static func key(_ service: Int) -> ServiceKey {
        ServiceKey(namespace: "bulk", name: "svc-\(service)")!
    }

    /// Endpoint `index` of `service` at `10.<service>.<index / 256>.<index % 256>`, every fourth not ready.
    static func export(_ service: Int) -> ServiceExport {
        ServiceExport(
            key: key(service),
            kind: .headless,
            ports: [ServicePort(name: "grpc", port: 9090, portProtocol: .tcp)],
            endpoints: (0..<endpointsPerService).map { index in
                Endpoint(
                    addresses: [.v4(IPv4Address(value: 0x0A00_0000 | UInt32(service) << 16 | UInt32(index)))],
                    hostname: "pod-\(index)",
                    ready: index % 4 != 0
                )
            }
        )
    }

    static func readyCount(_ snapshot: TableSnapshot) -> Int {
        snapshot.services.values.reduce(0) { total, entry in
            total + entry.exports.values.reduce(0) { $0 + $1.endpoints.count(where: \.ready) }
        }
    }

    @Test func fiftyThousandEndpointsInOneSnapshot() throws {
        let database = F.temporaryDatabase()
        defer { try? FileManager.default.removeItem(at: database.folder) }
        let table = try EndpointTable(store: SQLiteEndpointStore(path: database.path), clock: ManualLeaseClock(), settings: TableSettings())
        let exports = (0..<Self.serviceCount).map(Self.export)

        let accepted = try table.apply(.snapshot(F.west, generation: 1, info: ClusterInfo(), exports: exports))

        #expect(accepted.clusters[F.west]?.endpointCount == 50_000)
        #expect(accepted.services.count == Self.serviceCount)
        #expect(Self.readyCount(accepted) == 37_500)
        #expect(accepted.services[Self.key(49)]?.exports[F.west] == exports[49])

        let address = IPAddress.v4(IPv4Address(value: 0x0A07_0000 | 512))
        let edited = try table.apply(
            .delta(
                F.west, baseGeneration: 1, generation: 2,
                operations: [
                    .setReadiness(Self.key(7), address: address, ready: true),
                    .remove(Self.key(8)),
                ]))

        #expect(edited.clusters[F.west]?.endpointCount == 49_000)
        #expect(edited.services.count == Self.serviceCount - 1)
        #expect(Self.readyCount(edited) == 37_500 - 750 + 1)
        #expect(edited.services[Self.key(7)]?.exports[F.west]?.endpoints[512].ready == true)
        #expect(edited.services[Self.key(9)] == accepted.services[Self.key(9)])

        let restored = try EndpointTable(store: SQLiteEndpointStore(path: database.path), clock: ManualLeaseClock(), settings: TableSettings())
        #expect(restored.snapshot.services == edited.services)
        #expect(restored.snapshot.clusters[F.west]?.endpointCount == 49_000)
    }
}
