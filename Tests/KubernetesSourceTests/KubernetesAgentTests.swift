import GNSDServer
import PushAPI
import TestKit
import TestSupport
import Testing

/// The real `gnsd agent --kubernetes --kubeconfig` binary reading ``FakeAPIServer`` and pushing to a real gnsd; dig shows
/// the names as the objects change.
@Suite struct KubernetesAgentTests {
    private typealias F = Fixtures
    private static let token = "east-secret"

    /// The slice of the headless `shop/db`: one endpoint, `db-0`, on port 5432.
    private static func dbSlice(ready: Bool) -> String {
        F.endpointSlice(
            "shop", "db-1", service: "db", endpoints: "[\(F.endpoint(["10.1.0.31"], pod: "db-0", ready: ready, hostname: "db-0"))]",
            ports: #"[{"name":"pg","port":5432,"protocol":"TCP"}]"#)
    }

    @Test func digShowsExportedServicesUntilTheEndpointIsUnreadyOrTheExportGone() async throws {
        let api = try await FakeAPIServer.start()
        api.put("serviceexports", F.serviceExport("shop", "catalog"))
        api.put("services", F.clusterIPService("shop", "catalog", ips: ["10.96.0.10"], ports: #"[{"name":"http","protocol":"TCP","port":80}]"#))
        api.put("endpointslices", F.endpointSlice("shop", "catalog-1", service: "catalog", endpoints: "[\(F.endpoint(["10.1.0.11"], pod: "a"))]"))
        api.put("serviceexports", F.serviceExport("shop", "db"))
        api.put("services", F.headlessService("shop", "db", ports: #"[{"name":"pg","protocol":"TCP","port":5432}]"#))
        api.put("endpointslices", Self.dbSlice(ready: true))
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let kubeconfig = try api.writeKubeconfig(in: directory, token: "api-token")
        let cluster = ClusterSettings(id: "kind-east", tokenSHA256: APISettings.tokenHash(Self.token))

        try await withServer(zones: ServedZones.shipped, adjust: { $0.clusters = [cluster] }) { server in
            let agent = try AgentProcess(
                cluster: "kind-east", token: Self.token, source: ["--kubernetes", "--kubeconfig", kubeconfig], servers: [server], directory: directory
            )
            let status = try await agent.whileRunning { () async throws in
                #expect(
                    try await server.poll("catalog.shop.svc.clusterset.local", until: ["catalog.shop.svc.clusterset.local. 5 IN A 10.96.0.10"]),
                    "\(agent.output)")
                #expect(
                    try await DNSLookup.query(.dig, port: server.port, "db.shop.svc.clusterset.local", "A").answer
                        == ["db.shop.svc.clusterset.local. 5 IN A 10.1.0.31"])
                #expect(
                    try await DNSLookup.query(.dig, port: server.port, "_pg._tcp.db.shop.svc.clusterset.local", "SRV").answer
                        == ["_pg._tcp.db.shop.svc.clusterset.local. 5 IN SRV 0 1 5432 db-0.kind-east.db.shop.svc.clusterset.local."])

                api.put("endpointslices", Self.dbSlice(ready: false))
                #expect(try await server.poll("db.shop.svc.clusterset.local", until: []), "\(agent.output)")
                #expect(try await DNSLookup.query(.dig, port: server.port, "db.shop.svc.clusterset.local", "A").rcode == "NXDOMAIN")

                api.delete("serviceexports", "shop", "catalog")
                #expect(try await server.poll("catalog.shop.svc.clusterset.local", until: []), "\(agent.output)")
                #expect(try await DNSLookup.query(.dig, port: server.port, "catalog.shop.svc.clusterset.local", "A").rcode == "NXDOMAIN")
            }
            #expect(status == 0, "SIGTERM stops the agent cleanly: \(agent.output)")
        }
        #expect(api.requests.allSatisfy { $0.authorization == "Bearer api-token" })
        await api.stop()
    }
}
