import EndpointTable
import Hummingbird
import HummingbirdTesting
import PushAPI
import Testing

@Suite("Per-cluster quotas: 422 quota_exceeded naming the field, and the table unchanged")
struct QuotaTests {
    /// Quotas the fixture snapshot just fits: 2 services, 2 IPs, 1 port, 1 address, 1 label
    /// (`cloud: aws`), region `us-west`, zone `us-west-2a`.
    static let settings: APISettings = {
        var quotas = ClusterQuotas()
        quotas.servicesPerCluster = 2
        quotas.ipsPerExport = 2
        quotas.portsPerExport = 1
        quotas.addressesPerEndpoint = 1
        quotas.labelsPerCluster = 1
        quotas.labelKeyBytes = 5
        quotas.labelValueBytes = 3
        quotas.regionBytes = 7
        quotas.zoneBytes = 10
        return APISettings(maxEndpointsPerPush: 10, quotas: quotas)
    }()
    static let headless = Fixtures.cartsHeadless

    static func quota(_ name: String, _ body: String, field: String) -> BadInput {
        BadInput(
            name: name, method: .put, uri: "/v1/clusters/aws-west/snapshot", body: body, status: .unprocessableContent, code: "quota_exceeded",
            field: field)
    }

    static func cluster(_ info: String) -> String {
        #"{"generation": 2, "cluster": \#(info), "exports": []}"#
    }

    static let cases: [BadInput] = [
        quota("services", Fixtures.snapshot(exports: Fixtures.catalog, Fixtures.carts, Fixtures.search), field: "exports[2]"),
        quota(
            "IPs",
            Fixtures.snapshot(
                exports: #"{"namespace": "shop", "name": "web", "type": "clusterSetIP", "ips": ["10.96.0.1", "10.96.0.2", "fd00::1"]}"#),
            field: "exports[0].ips[2]"),
        quota(
            "ports", Fixtures.snapshot(exports: #"{\#(headless), "ports": [{"port": 80, "protocol": "TCP"}, {"port": 443, "protocol": "TCP"}]}"#),
            field: "exports[0].ports[1]"),
        quota(
            "addresses", Fixtures.snapshot(exports: #"{\#(headless), "endpoints": [{"addresses": ["10.1.2.3", "fd00::3"]}]}"#),
            field: "exports[0].endpoints[0].addresses[1]"),
        quota(
            "endpoint zone", Fixtures.snapshot(cartsEndpointWith: #""zone": "us-west-2aa""#),
            field: "exports[0].endpoints[0].zone"),
        quota("labels", cluster(#"{"labels": {"cloud": "aws", "tier": "a"}}"#), field: "cluster.labels"),
        quota("label key", cluster(#"{"labels": {"clouds": "aws"}}"#), field: "cluster.labels.clouds"),
        quota("label value", cluster(#"{"labels": {"cloud": "awss"}}"#), field: "cluster.labels.cloud"),
        quota("region", cluster(#"{"region": "us-west-2"}"#), field: "cluster.region"),
        quota("cluster zone", cluster(#"{"zone": "us-west-2aa"}"#), field: "cluster.zone"),
        BadInput(
            name: "a delta adding a third service", method: .patch, uri: "/v1/clusters/aws-west/exports",
            body: Fixtures.delta(#""upsert": [\#(Fixtures.search)]"#), status: .unprocessableContent, code: "quota_exceeded", field: "upsert[0]"),
        BadInput(
            name: "a delta adding two services and removing one", method: .patch, uri: "/v1/clusters/aws-west/exports",
            body: Fixtures.delta(
                #""upsert": [\#(Fixtures.search), {"namespace": "shop", "name": "web", "type": "headless"}], "remove": [{"namespace": "shop", "name": "carts"}]"#
            ),
            status: .unprocessableContent, code: "quota_exceeded", field: "upsert[1]"),
        BadInput(
            name: "a delta upserting beyond the IP quota", method: .patch, uri: "/v1/clusters/aws-west/exports",
            body: Fixtures.delta(
                #""upsert": [{"namespace": "shop", "name": "carts", "type": "clusterSetIP", "ips": ["10.96.0.1", "10.96.0.2", "10.96.0.3"]}]"#),
            status: .unprocessableContent, code: "quota_exceeded", field: "upsert[0].ips[2]"),
    ]

    @Test(arguments: cases)
    func refusedWithTheFieldBeyondTheQuota(_ input: BadInput) async throws {
        try await input.expectRefused(settings: Self.settings)
    }

    @Test func theErrorNamesTheLimitAndItsKey() async throws {
        let harness = try APITestHarness(settings: Self.settings)
        try await harness.run { client in
            let response = try await client.send(
                .put, "/v1/clusters/aws-west/snapshot", json: Fixtures.snapshot(exports: Fixtures.catalog, Fixtures.carts, Fixtures.search))
            #expect(
                response.text == """
                    {"error":{"code":"quota_exceeded","field":"exports[2]","message":"more than 2 services in one cluster (quotas.services-per-cluster)"}}
                    """ + "\n")
        }
        #expect(harness.table.snapshot.version == 0)
    }

    @Test func aDeltaThatSwapsOrReplacesServicesStaysWithinTheQuota() async throws {
        let harness = try APITestHarness(settings: Self.settings)
        try await harness.run { client in
            _ = try await client.send(.put, "/v1/clusters/aws-west/snapshot", json: Fixtures.snapshot())
            let swap = Fixtures.delta(#""upsert": [\#(Fixtures.search), \#(Fixtures.carts)], "remove": [{"namespace": "shop", "name": "catalog"}]"#)
            #expect(try await client.send(.patch, "/v1/clusters/aws-west/exports", json: swap).status == .ok)
            let exports = harness.table.snapshot.exports(of: ClusterID("aws-west")!)
            #expect(exports.keys.map(\.description).sorted() == ["shop/carts", "shop/search"])
        }
    }

    @Test func aClusterAlreadyOverALoweredQuotaMayStillShrinkAndEdit() async throws {
        var quotas = ClusterQuotas()
        quotas.servicesPerCluster = 1
        let harness = try APITestHarness(settings: APISettings(quotas: quotas))
        try await harness.run { client in
            _ = try await harness.table.apply(
                .snapshot(
                    ClusterID("aws-west")!, generation: 1, info: ClusterInfo(),
                    exports: [Self.export("a"), Self.export("b"), Self.export("c")]))
            let edit = Fixtures.delta(
                #""upsert": [{"namespace": "shop", "name": "a", "type": "headless"}], "remove": [{"namespace": "shop", "name": "b"}]"#)
            #expect(try await client.send(.patch, "/v1/clusters/aws-west/exports", json: edit).status == .ok)
            #expect(harness.table.snapshot.exports(of: ClusterID("aws-west")!).count == 2)
        }
    }

    /// A headless export `shop/name` with no ports or endpoints.
    static func export(_ name: String) -> ServiceExport {
        ServiceExport(key: ServiceKey(namespace: "shop", name: name)!, kind: .headless, ports: [], endpoints: [])
    }
}
