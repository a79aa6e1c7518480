import Authority
import EndpointTable
import Foundation
import GNSDServer
import PushAPI
import TestKit
import TestSupport
import Testing

/// Lease states end to end, on gnsd's lease clock (``ManualLeaseClock``) with dig over real
/// sockets: a flapping agent held stale by damping until it keeps renewing, and a cluster whose
/// lease expired withdrawn from the names under `answers.expired: withdraw`.
@Suite(.serialized)
struct LeasePolicyTests {
    static let tokens = ["aws-west": "west-secret", "gcp-east": "east-secret"]
    static let adminToken = "admin-secret"

    /// 10-second leases without grace; three lapses within ten minutes hold a return for 30 s;
    /// clusters expire after 20 s stale and MCS names withdraw them.
    static func configure(_ configuration: inout Configuration) {
        configuration.clusters = tokens.sorted { $0.key < $1.key }.map { ClusterSettings(id: $0.key, tokenSHA256: APISettings.tokenHash($0.value)) }
        configuration.api.adminTokenSHA256 = APISettings.tokenHash(adminToken)
        configuration.leases.durationSeconds = 10
        configuration.leases.graceSeconds = 0
        configuration.leases.expireAfterSeconds = 20
        configuration.leases.damping?.holdSeconds = 30
        configuration.answers.expired = .withdraw
    }

    /// `cluster` exports `default/catalog` at `ip` (and `default/<only>` when given).
    static func push(_ server: RunningServer, _ cluster: String, ip: String, only: String? = nil) async throws {
        let extra = only.map {
            #", {"namespace": "default", "name": "\#($0)", "type": "clusterSetIP", "ips": ["10.97.0.1"], "ports": [], "endpoints": [{"addresses": ["10.2.9.9"], "ready": true}]}"#
        }
        let body = """
            {"generation": 1, "exports": [{"namespace": "default", "name": "catalog", "type": "clusterSetIP", "ips": ["\(ip)"], "ports": [],
              "endpoints": [{"addresses": ["10.1.0.1"], "ready": true}]}\(extra ?? "")]}
            """
        let response = try await APIClient(port: server.apiPort, token: tokens[cluster]).send("PUT", "/v1/clusters/\(cluster)/snapshot", json: body)
        #expect(response.status == 200, "\(response)")
    }

    static func heartbeat(_ server: RunningServer, _ cluster: String) async throws {
        let response = try await APIClient(port: server.apiPort, token: tokens[cluster]).send("POST", "/v1/clusters/\(cluster)/heartbeat")
        #expect(response.status == 200, "\(response)")
    }

    /// Polls dig every 100 ms for up to 5 s until `name`'s A records are `addresses` (any order).
    static func answers(_ server: RunningServer, _ name: String, _ addresses: Set<String>) async throws -> Bool {
        try await eventually(within: .seconds(5), every: .milliseconds(100)) {
            Set(try await DNSLookup.query(.dig, port: server.port, name, "A").answer.map { String($0.split(separator: " ").last!) }) == addresses
        }
    }

    @Test func aFlappingAgentIsHeldStaleUntilItKeepsRenewing() async throws {
        let clock = ManualLeaseClock()
        try await withServer(zones: ServedZones.shipped, clock: clock, adjust: Self.configure) { server in
            let name = "catalog.default.svc.clusterset.local"
            try await Self.push(server, "aws-west", ip: "10.96.0.1")
            try await Self.push(server, "gcp-east", ip: "10.96.1.1")
            #expect(try await Self.answers(server, name, ["10.96.0.1", "10.96.1.1"]))
            // aws-west's agent drops out and comes back, twice: each time it answers again at once.
            for _ in 0..<2 {
                clock.advance(by: .seconds(11))
                try await Self.heartbeat(server, "gcp-east")
                #expect(try await Self.answers(server, name, ["10.96.1.1"]), "lapsed")
                try await Self.heartbeat(server, "aws-west")
                #expect(try await Self.answers(server, name, ["10.96.0.1", "10.96.1.1"]), "back at once")
            }
            // The third lapse: its return is held for 30 s although it renews.
            clock.advance(by: .seconds(11))
            try await Self.heartbeat(server, "gcp-east")
            #expect(try await Self.answers(server, name, ["10.96.1.1"]))
            try await Self.heartbeat(server, "aws-west")
            let clusters = try await APIClient(port: server.apiPort, token: Self.adminToken).send("GET", "/v1/clusters")
            #expect(clusters.body.contains(#""id":"aws-west""#) && clusters.body.contains(#""lease":"stale""#), "\(clusters)")
            #expect(try await Self.answers(server, name, ["10.96.1.1"]), "held")
            for _ in 0..<3 {
                clock.advance(by: .seconds(9))
                try await Self.heartbeat(server, "aws-west")
                try await Self.heartbeat(server, "gcp-east")
                #expect(try await Self.answers(server, name, ["10.96.1.1"]), "still held")
            }
            clock.advance(by: .seconds(4))
            #expect(try await Self.answers(server, name, ["10.96.0.1", "10.96.1.1"]), "released after renewing for the hold")
        }
    }

    @Test func anExpiredClusterIsWithdrawnWhereThePolicySaysSo() async throws {
        let clock = ManualLeaseClock()
        try await withServer(zones: ServedZones.shipped, clock: clock, adjust: Self.configure) { server in
            let orders = "orders.default.svc.clusterset.local"
            try await Self.push(server, "gcp-east", ip: "10.96.1.1", only: "orders")
            #expect(try await Self.answers(server, orders, ["10.97.0.1"]))
            clock.advance(by: .seconds(11))
            let stale = try await eventually(within: .seconds(5), every: .milliseconds(100)) {
                try await DNSLookup.query(.dig, port: server.port, orders, "A").raw.contains("EDE: 3 (Stale Answer)")
            }
            #expect(stale, "answered fail static while stale")
            clock.advance(by: .seconds(20))
            let withdrawn = try await eventually(within: .seconds(5), every: .milliseconds(100)) {
                try await DNSLookup.query(.dig, port: server.port, orders, "A").rcode == "NXDOMAIN"
            }
            #expect(withdrawn, "withdrawn once expired")
            let explanation = try await APIClient(port: server.apiPort, token: Self.adminToken).send("GET", "/v1/explain?name=\(orders)&type=A")
            #expect(explanation.body.contains(#""lease":"expired""#) && explanation.body.contains("withdraws its exports"), "\(explanation)")
            try await Self.heartbeat(server, "gcp-east")
            #expect(try await Self.answers(server, orders, ["10.97.0.1"]), "back when its agent renews")
        }
    }
}
