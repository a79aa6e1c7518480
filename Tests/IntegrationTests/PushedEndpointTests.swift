import Authority
import EndpointTable
import Foundation
import GNSDServer
import PushAPI
import TestKit
import TestSupport
import Testing

/// Agents push over real HTTP (curl), clients query with dig: live endpoints, locality, leases,
/// fail static, rejected pushes and restarts, end to end.
@Suite(.serialized)
struct PushedEndpointTests {
    static let adminToken = "admin-secret"
    /// Cluster id, region, token, resolver network and the catalog service IP it exports.
    static let clusters = [
        (id: "aws-west", region: "us-west", token: "west-secret", network: "127.0.0.0/8", ip: "10.96.0.1"),
        (id: "gcp-west", region: "us-west", token: "gcpw-secret", network: "10.1.0.0/16", ip: "10.96.1.1"),
        (id: "azure-east", region: "us-east", token: "east-secret", network: "10.2.0.0/16", ip: "10.96.2.1"),
    ]

    static func configure(_ configuration: inout Configuration) {
        configuration.clusters = clusters.map {
            ClusterSettings(id: $0.id, tokenSHA256: APISettings.tokenHash($0.token), networks: [IPNetwork($0.network)!])
        }
        configuration.api.adminTokenSHA256 = APISettings.tokenHash(adminToken)
        configuration.globalNamespaces = [GlobalNamespaceSettings(name: "acme", domain: "acme.local.", members: [.init(namespace: "default")])]
        configuration.leases.durationSeconds = 10
        configuration.leases.graceSeconds = 0
    }

    /// A snapshot exporting `default/catalog` (one pod, ready or not) and `default/idle` (no ready pod).
    static func snapshot(generation: Int, region: String, ip: String, podReady: Bool = true) -> String {
        """
        {"generation": \(generation), "cluster": {"region": "\(region)"}, "exports": [
          {"namespace": "default", "name": "catalog", "type": "clusterSetIP", "ips": ["\(ip)"],
           "ports": [{"name": "http", "port": 80, "protocol": "TCP"}],
           "endpoints": [{"addresses": ["\(pod(ip))"], "ready": \(podReady)}]},
          {"namespace": "default", "name": "idle", "type": "clusterSetIP", "ips": ["\(ip.replacingOccurrences(of: ".1", with: ".9"))"],
           "ports": [], "endpoints": [{"addresses": ["\(pod(ip).replacingOccurrences(of: ".1", with: ".9"))"], "ready": false}]}
        ]}
        """
    }

    /// The pod behind a service IP: 10.96.x.1 → 10.200.x.1.
    static func pod(_ serviceIP: String) -> String { serviceIP.replacingOccurrences(of: "10.96.", with: "10.200.") }

    static func catalogRecords(_ name: String, _ ips: [String]) -> [String] { ips.map { "\(name) 5 IN A \($0)" } }

    static func pushAll(_ server: RunningServer) async throws {
        for cluster in clusters {
            let response = try await APIClient(port: server.apiPort, token: cluster.token)
                .send("PUT", "/v1/clusters/\(cluster.id)/snapshot", json: snapshot(generation: 1, region: cluster.region, ip: cluster.ip))
            #expect(response.status == 200, "\(response)")
        }
    }

    static func dig(_ server: RunningServer, _ name: String, _ type: String = "A", _ options: [String] = []) async throws -> DNSLookup {
        try await DNSLookup.query(.dig, port: server.port, name, type, options: options)
    }

    @Test func pushedEndpointsAreAnsweredLocalFirstAndFailOver() async throws {
        let clock = ManualLeaseClock()
        try await withServer(zones: ServedZones.shipped, clock: clock, adjust: Self.configure) { server in
            try await Self.pushAll(server)
            let ordered = Self.clusters.map(\.ip)
            let global = try await Self.dig(server, "catalog.acme.local")
            #expect(global.rcode == "NOERROR")
            #expect(global.flags == ["qr", "aa", "rd"])
            #expect(global.answer == Self.catalogRecords("catalog.acme.local.", ordered), "\(global)")
            let mcs = try await Self.dig(server, "catalog.default.svc.clusterset.local")
            #expect(mcs.answer == Self.catalogRecords("catalog.default.svc.clusterset.local.", ordered), "\(mcs)")

            let fromEast = try await Self.dig(server, "catalog.acme.local", "A", ["+subnet=10.2.0.0/16"])
            #expect(fromEast.answer.first == "catalog.acme.local. 5 IN A 10.96.2.1", "\(fromEast)")
            #expect(Set(fromEast.answer) == Set(global.answer))

            let srv = try await Self.dig(server, "_http._tcp.catalog.default.svc.clusterset.local", "SRV")
            #expect(
                srv.answer == ["_http._tcp.catalog.default.svc.clusterset.local. 5 IN SRV 0 3 80 catalog.default.svc.clusterset.local."], "\(srv)")
            #expect(Set(srv.additional) == Set(Self.catalogRecords("catalog.default.svc.clusterset.local.", ordered)), "\(srv)")

            let west = APIClient(port: server.apiPort, token: "west-secret")
            let unready = try await west.send(
                "PATCH", "/v1/clusters/aws-west/exports",
                json: """
                    {"baseGeneration": 1, "generation": 2, "readiness": [{"namespace": "default", "name": "catalog", "address": "10.200.0.1", "ready": false}]}
                    """)
            #expect(unready.status == 200, "\(unready)")
            #expect(
                try await Self.dig(server, "catalog.acme.local").answer == Self.catalogRecords("catalog.acme.local.", ["10.96.1.1", "10.96.2.1"]))
            let ready = try await west.send(
                "PATCH", "/v1/clusters/aws-west/exports",
                json: """
                    {"baseGeneration": 2, "generation": 3, "readiness": [{"namespace": "default", "name": "catalog", "address": "10.200.0.1", "ready": true}]}
                    """)
            #expect(ready.status == 200, "\(ready)")

            clock.advance(by: .seconds(6))
            for cluster in Self.clusters.dropFirst() {
                let heartbeat = try await APIClient(port: server.apiPort, token: cluster.token).send("POST", "/v1/clusters/\(cluster.id)/heartbeat")
                #expect(heartbeat.status == 200, "\(heartbeat)")
            }
            clock.advance(by: .seconds(6))
            let failedOver = try await Self.poll(server, until: Self.catalogRecords("catalog.acme.local.", ["10.96.1.1", "10.96.2.1"]))
            #expect(failedOver, "the lapsed cluster leaves the answer")

            clock.advance(by: .seconds(10))
            let clusters = try await Self.pollAllStale(server)
            #expect(clusters, "every lease lapsed")
            let failStatic = try await Self.dig(server, "catalog.acme.local")
            #expect(Set(failStatic.answer) == Set(Self.catalogRecords("catalog.acme.local.", ordered)), "all stale: answered from the last state")
        }
    }

    /// Queries catalog.acme.local every 100 ms for up to 5 s until the answer is `expected`.
    static func poll(_ server: RunningServer, until expected: [String]) async throws -> Bool {
        try await eventually(within: .seconds(5), every: .milliseconds(100)) {
            try await dig(server, "catalog.acme.local").answer == expected
        }
    }

    /// Reads the cluster list every 100 ms for up to 5 s until every lease is stale.
    static func pollAllStale(_ server: RunningServer) async throws -> Bool {
        let admin = APIClient(port: server.apiPort, token: adminToken)
        return try await eventually(within: .seconds(5), every: .milliseconds(100)) {
            let list = try await admin.send("GET", "/v1/clusters")
            return list.status == 200 && !list.body.contains("\"live\"")
        }
    }

    @Test func existenceRulesForNamesAndHeadlessServices() async throws {
        try await withServer(zones: ServedZones.shipped, adjust: Self.configure) { server in
            try await Self.pushAll(server)
            let headless = try await APIClient(port: server.apiPort, token: "west-secret").send(
                "PATCH", "/v1/clusters/aws-west/exports",
                json: """
                    {"baseGeneration": 1, "generation": 2, "upsert": [{"namespace": "default", "name": "db", "type": "headless",
                      "ports": [{"name": "pg", "port": 5432, "protocol": "TCP"}],
                      "endpoints": [{"addresses": ["10.10.0.1"], "hostname": "db-0", "ready": true},
                                    {"addresses": ["10.10.0.2"], "hostname": "db-1", "ready": false}]}]}
                    """)
            #expect(headless.status == 200, "\(headless)")
            #expect(try await Self.dig(server, "db.default.svc.clusterset.local").answer == ["db.default.svc.clusterset.local. 5 IN A 10.10.0.1"])
            #expect(
                try await Self.dig(server, "db-0.aws-west.db.default.svc.clusterset.local").answer
                    == ["db-0.aws-west.db.default.svc.clusterset.local. 5 IN A 10.10.0.1"])
            #expect(try await Self.dig(server, "db-1.aws-west.db.default.svc.clusterset.local").rcode == "NXDOMAIN")
            let srv = try await Self.dig(server, "_pg._tcp.db.default.svc.clusterset.local", "SRV")
            #expect(srv.answer == ["_pg._tcp.db.default.svc.clusterset.local. 5 IN SRV 0 1 5432 db-0.aws-west.db.default.svc.clusterset.local."])
            #expect(srv.additional == ["db-0.aws-west.db.default.svc.clusterset.local. 5 IN A 10.10.0.1"])

            let soa = "acme.local. 30 IN SOA ns1.acme.local. hostmaster.acme.local. "
            let idle = try await Self.dig(server, "idle.acme.local")
            #expect(idle.rcode == "NOERROR")
            #expect(idle.answer.isEmpty)
            #expect(idle.authority.count == 1 && idle.authority[0].hasPrefix(soa), "\(idle)")
            let never = try await Self.dig(server, "nothing.acme.local")
            #expect(never.rcode == "NXDOMAIN")
            #expect(never.authority.count == 1 && never.authority[0].hasPrefix(soa), "\(never)")
            let staticName = try await Self.dig(server, "www.acme.local", "CNAME")
            #expect(staticName.answer == ["www.acme.local. 300 IN CNAME gateway.acme.local."], "zone-file names live beside services")
        }
    }

    @Test func rejectedPushesChangeNothing() async throws {
        try await withServer(zones: ServedZones.shipped, adjust: Self.configure) { server in
            try await Self.pushAll(server)
            let before = try await Self.dig(server, "catalog.acme.local").answer
            let west = APIClient(port: server.apiPort, token: "west-secret")
            let snapshot = Self.snapshot(generation: 1, region: "us-west", ip: "10.96.0.7")
            let stale = try await west.send("PUT", "/v1/clusters/aws-west/snapshot", json: snapshot)
            #expect(stale.status == 409)
            #expect(stale.errorCode == "stale_generation", "\(stale)")
            let mismatch = try await west.send("PATCH", "/v1/clusters/aws-west/exports", json: #"{"baseGeneration": 5, "generation": 6}"#)
            #expect(mismatch.status == 409)
            #expect(mismatch.errorCode == "generation_mismatch", "\(mismatch)")
            #expect(try await APIClient(port: server.apiPort).send("PUT", "/v1/clusters/aws-west/snapshot", json: snapshot).status == 401)
            let foreign = try await APIClient(port: server.apiPort, token: "east-secret").send(
                "PUT", "/v1/clusters/aws-west/snapshot", json: snapshot)
            #expect(foreign.status == 403, "\(foreign)")
            let badIP = try await west.send(
                "PUT", "/v1/clusters/aws-west/snapshot", json: Self.snapshot(generation: 9, region: "us-west", ip: "10.96.0.300"))
            #expect((400..<500).contains(badIP.status), "\(badIP)")
            #expect(badIP.body.contains("exports[0].ips[0]"), "\(badIP)")
            #expect(try await west.send("PUT", "/v1/clusters/aws-west/snapshot", json: "{not json").status == 400)
            #expect(try await Self.dig(server, "catalog.acme.local").answer == before, "rejected pushes change nothing")

            #expect(try await west.send("DELETE", "/v1/clusters/aws-west").status == 403)
            #expect(try await APIClient(port: server.apiPort, token: Self.adminToken).send("DELETE", "/v1/clusters/aws-west").status == 204)
            let afterDelete = try await Self.dig(server, "catalog.acme.local").answer
            #expect(Set(afterDelete) == Set(Self.catalogRecords("catalog.acme.local.", ["10.96.1.1", "10.96.2.1"])), "\(afterDelete)")
        }
    }

    @Test func restartWithTheSameDataFolderAnswersAtOnce() async throws {
        let data = try TemporaryDirectory()
        defer { data.remove() }
        let withData: (inout Configuration) -> Void = { configuration in
            Self.configure(&configuration)
            configuration.data.directory = data.path
        }
        try await withServer(zones: ServedZones.shipped, adjust: withData) { server in
            try await Self.pushAll(server)
        }
        try await withServer(zones: ServedZones.shipped, adjust: withData) { server in
            let answer = try await Self.dig(server, "catalog.acme.local").answer
            #expect(Set(answer) == Set(Self.catalogRecords("catalog.acme.local.", Self.clusters.map(\.ip))), "restored, answered fail-static")
            let list = try await APIClient(port: server.apiPort, token: Self.adminToken).send("GET", "/v1/clusters")
            #expect(list.status == 200)
            #expect(!list.body.contains("\"live\"") && list.body.contains("\"stale\""), "\(list)")
        }
    }
}
