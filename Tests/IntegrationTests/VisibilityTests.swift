import Authority
import EndpointTable
import Foundation
import GNSDServer
import PushAPI
import TestKit
import TestSupport
import Testing

/// Export visibility end to end with dig: cluster-a (127.0.0.0/8) exports `default/payments`
/// visible to itself alone and `default/catalog` to everyone; cluster-b (::1) and a client in no
/// cluster network get NXDOMAIN for payments, over the source address and over ECS alike.
@Suite(.serialized)
struct VisibilityTests {
    static let token = "cluster-a-secret"

    static func configure(_ configuration: inout Configuration) {
        configuration.clusters = [
            ClusterSettings(id: "cluster-a", tokenSHA256: APISettings.tokenHash(token), networks: [IPNetwork("127.0.0.0/8")!]),
            ClusterSettings(id: "cluster-b", tokenSHA256: APISettings.tokenHash("cluster-b-secret"), networks: [IPNetwork("::1/128")!]),
        ]
    }

    static let snapshot = """
        {"generation": 1, "exports": [
          {"namespace": "default", "name": "payments", "type": "clusterSetIP", "ips": ["10.96.5.1"], "ports": [{"name": "https", "port": 443, "protocol": "TCP"}],
           "endpoints": [{"addresses": ["10.1.5.1"]}], "visibleTo": {"clusters": []}},
          {"namespace": "default", "name": "catalog", "type": "clusterSetIP", "ips": ["10.96.5.2"], "ports": [],
           "endpoints": [{"addresses": ["10.1.5.2"]}]}]}
        """

    /// The rcode and A records dig gets for `name` from 127.0.0.1 (or ::1) with `options`.
    static func dig(_ server: RunningServer, _ name: String, ipv6: Bool = false, _ options: [String] = []) async throws -> String {
        let lookup = try await DNSLookup.query(.dig, port: ipv6 ? server.ipv6Port : server.port, name, "A", options: options, ipv6: ipv6)
        return ([lookup.rcode] + lookup.answer.map { String($0.split(separator: " ").last!) }).joined(separator: " ")
    }

    @Test func anExportVisibleToItsClusterAloneIsNXDOMAINEverywhereElse() async throws {
        try await withServer(zones: ServedZones.shipped, adjust: Self.configure) { server in
            let pushed = try await APIClient(port: server.apiPort, token: Self.token).send(
                "PUT", "/v1/clusters/cluster-a/snapshot", json: Self.snapshot)
            #expect(pushed.status == 200, "\(pushed)")
            let payments = "payments.default.svc.clusterset.local"
            #expect(try await Self.dig(server, payments) == "NOERROR 10.96.5.1", "cluster-a sees its own export")
            #expect(try await Self.dig(server, payments, ipv6: true) == "NXDOMAIN", "cluster-b does not")
            #expect(try await Self.dig(server, "_https._tcp.\(payments)", ipv6: true, ["-t", "SRV"]).hasPrefix("NXDOMAIN"))
            #expect(try await Self.dig(server, "catalog.default.svc.clusterset.local", ipv6: true) == "NOERROR 10.96.5.2", "unrestricted")
            // ECS places the client: cluster-b's subnet from cluster-a's address, and the reverse.
            #expect(try await Self.dig(server, payments, ["+subnet=::1/128"]) == "NXDOMAIN")
            let scoped = try await DNSLookup.query(.dig, port: server.ipv6Port, payments, "A", options: ["+subnet=127.0.0.0/24"], ipv6: true)
            #expect(scoped.rcode == "NOERROR" && scoped.answer.count == 1, "\(scoped)")
            #expect(scoped.raw.contains("CLIENT-SUBNET: 127.0.0.0/24/24"), "scoped: the answer depends on the client: \(scoped.raw)")
            // A client in no cluster network: denied by default.
            #expect(try await Self.dig(server, payments, ["+subnet=192.0.2.0/24"]) == "NXDOMAIN")
            let explanation = try await APIClient(port: server.apiPort, token: Self.token).send("GET", "/v1/explain?name=\(payments)&client=::1")
            #expect(explanation.body.contains("the export is visible only to cluster cluster-a"), "\(explanation)")
        }
    }

    @Test func unplacedClientsSeeRestrictedExportsWhenAllowed() async throws {
        try await withServer(
            zones: ServedZones.shipped,
            adjust: { configuration in
                Self.configure(&configuration)
                configuration.answers.unplacedClients = .allow
            }
        ) { server in
            _ = try await APIClient(port: server.apiPort, token: Self.token).send("PUT", "/v1/clusters/cluster-a/snapshot", json: Self.snapshot)
            #expect(try await Self.dig(server, "payments.default.svc.clusterset.local", ["+subnet=192.0.2.0/24"]) == "NOERROR 10.96.5.1")
            #expect(try await Self.dig(server, "payments.default.svc.clusterset.local", ipv6: true) == "NXDOMAIN", "a placed client still may not")
        }
    }
}
