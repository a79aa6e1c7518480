import EndpointTable
import Foundation
import HummingbirdTesting
import Testing

/// A push whose export is left out for its kind (KEP-1645: the oldest export of a live cluster
/// sets an MCS service's kind) hears so in its response, and `/metrics` counts such exports.
@Suite("Kind conflicts in push responses and metrics")
struct KindConflictResponseTests {
    static let clusterSetIP = """
        {"namespace": "default", "name": "catalog", "type": "clusterSetIP", "ips": ["10.96.0.2"],
         "ports": [{"name": "http", "port": 80, "protocol": "TCP"}], "endpoints": [{"addresses": ["10.200.0.2"]}]}
        """
    static let headless = """
        {"namespace": "default", "name": "catalog", "type": "headless",
         "ports": [{"name": "http", "port": 80, "protocol": "TCP"}], "endpoints": [{"addresses": ["10.200.0.1"], "ready": false}]}
        """

    static func snapshot(generation: Int, _ exports: String...) -> String {
        #"{"generation": \#(generation), "exports": [\#(exports.joined(separator: ","))]}"#
    }

    static let aaaConflict = """
        "conflicts":[{"name":"catalog","namespace":"default","reason":"its export is the oldest of a live cluster",\
        "type":"headless","winningCluster":"bbb","winningType":"clusterSetIP"}]
        """

    @Test func theYoungerExportOfTheOtherKindHearsItIsLeftOut() async throws {
        let harness = try APITestHarness()
        try await harness.run { client in
            let bbb = try await client.send(.put, "/v1/clusters/bbb/snapshot", json: Self.snapshot(generation: 1, Self.clusterSetIP))
            #expect(bbb.text == #"{"cluster":"bbb","generation":1,"leaseExpiresInSeconds":15,"version":1}\#n"#)
            harness.clock.advance(by: .seconds(1))

            let aaa = try await client.send(.put, "/v1/clusters/aaa/snapshot", json: Self.snapshot(generation: 1, Self.headless))
            #expect(aaa.status == .ok)
            #expect(aaa.text == #"{"cluster":"aaa",\#(Self.aaaConflict),"generation":1,"leaseExpiresInSeconds":15,"version":2}\#n"#)

            let heartbeat = try await client.send(.post, "/v1/clusters/aaa/heartbeat")
            #expect(heartbeat.text == #"{"cluster":"aaa",\#(Self.aaaConflict),"generation":1,"leaseExpiresInSeconds":15,"version":3}\#n"#)
            let winner = try await client.send(.post, "/v1/clusters/bbb/heartbeat")
            #expect(winner.text == #"{"cluster":"bbb","generation":1,"leaseExpiresInSeconds":15,"version":4}\#n"#)

            let metrics = try await client.send(.get, "/metrics")
            #expect(metrics.text.split(separator: "\n").contains("gnsd_export_conflicts 1.0"))

            let withdrawn = try await client.send(
                .patch, "/v1/clusters/bbb/exports",
                json: #"""
                    {"baseGeneration": 1, "generation": 2, "remove": [{"namespace": "default", "name": "catalog"}]}
                    """#)
            #expect(withdrawn.status == .ok)
            let alone = try await client.send(.post, "/v1/clusters/aaa/heartbeat")
            #expect(alone.text == #"{"cluster":"aaa","generation":1,"leaseExpiresInSeconds":15,"version":6}\#n"#)
            let after = try await client.send(.get, "/metrics")
            #expect(after.text.split(separator: "\n").contains("gnsd_export_conflicts 0.0"))
        }
    }

    /// While the older exporter's lease has lapsed the live exporter's kind wins; its next push,
    /// the same export, keeps its time and wins again.
    @Test func aStaleOlderExportNoLongerDecides() async throws {
        let harness = try APITestHarness()
        try await harness.run { client in
            _ = try await client.send(.put, "/v1/clusters/bbb/snapshot", json: Self.snapshot(generation: 1, Self.clusterSetIP))
            harness.clock.advance(by: .seconds(10))
            _ = try await client.send(.put, "/v1/clusters/aaa/snapshot", json: Self.snapshot(generation: 1, Self.headless))
            harness.clock.advance(by: .seconds(6))
            harness.table.advance()

            let aaa = try await client.send(.post, "/v1/clusters/aaa/heartbeat")
            #expect(aaa.text == #"{"cluster":"aaa","generation":1,"leaseExpiresInSeconds":15,"version":4}\#n"#)
            let bbb = try await client.send(.put, "/v1/clusters/bbb/snapshot", json: Self.snapshot(generation: 2, Self.clusterSetIP))
            #expect(bbb.text == #"{"cluster":"bbb","generation":2,"leaseExpiresInSeconds":15,"version":5}\#n"#)
            let again = try await client.send(.post, "/v1/clusters/aaa/heartbeat")
            #expect(again.text == #"{"cluster":"aaa",\#(Self.aaaConflict),"generation":1,"leaseExpiresInSeconds":15,"version":6}\#n"#)
        }
    }

    /// A snapshot of `default/svc-0` to `default/svc-100`, each with the members `kind`.
    static func hundredAndOne(_ kind: String) -> String {
        let exports = (0...100).map { #"{"namespace": "default", "name": "svc-\#($0)", \#(kind)}"# }
        return #"{"generation": 1, "exports": [\#(exports.joined(separator: ","))]}"#
    }

    /// A response lists at most 100 conflicts, the first by service; the metric counts them all.
    @Test func aResponseListsAtMostAHundredConflicts() async throws {
        let harness = try APITestHarness()
        try await harness.run { client in
            _ = try await client.send(.put, "/v1/clusters/bbb/snapshot", json: Self.hundredAndOne(#""type": "clusterSetIP", "ips": ["10.96.0.2"]"#))
            harness.clock.advance(by: .seconds(1))
            let aaa = try await client.send(.put, "/v1/clusters/aaa/snapshot", json: Self.hundredAndOne(#""type": "headless""#))
            let body = try JSONSerialization.jsonObject(with: Data(aaa.text.utf8)) as? [String: Any]
            let conflicts = try #require(body?["conflicts"] as? [[String: Any]])
            #expect(conflicts.count == 100)
            #expect(conflicts.first?["name"] as? String == "svc-0")
            #expect(conflicts.last?["name"] as? String == "svc-98")
            let metrics = try await client.send(.get, "/metrics")
            #expect(metrics.text.split(separator: "\n").contains("gnsd_export_conflicts 101.0"))
        }
    }
}
