import EndpointTable
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Cluster routes: pushes, heartbeats, listings, deletion")
struct ClusterRoutesTests {
    @Test func snapshotReplacesTheClusterExports() async throws {
        let harness = try APITestHarness()
        try await harness.run { client in
            let response = try await client.send(.put, "/v1/clusters/aws-west/snapshot", json: Fixtures.snapshot())
            #expect(response.status == .ok)
            #expect(response.text == #"{"cluster":"aws-west","generation":1,"leaseExpiresInSeconds":15,"version":1}\#n"#)
        }
        let state = try #require(harness.table.snapshot.clusters[ClusterID("aws-west")!])
        #expect(state.generation == 1)
        #expect(state.endpointCount == 3)
        #expect(state.info == ClusterInfo(region: "us-west", zone: "us-west-2a", labels: ["cloud": "aws"]))
    }

    @Test func deltaEditsAgainstTheCurrentGeneration() async throws {
        let harness = try APITestHarness()
        try await harness.run { client in
            _ = try await client.send(.put, "/v1/clusters/aws-west/snapshot", json: Fixtures.snapshot())
            harness.clock.advance(by: .seconds(5))
            let delta = Fixtures.delta(
                """
                "upsert": [{"namespace": "shop", "name": "search", "type": "headless", "endpoints": [{"addresses": ["10.1.4.1"], "weight": 2}]}],
                "remove": [{"namespace": "shop", "name": "carts"}],
                "readiness": [{"namespace": "shop", "name": "catalog", "address": "10.1.2.4", "ready": true}]
                """)
            let response = try await client.send(.patch, "/v1/clusters/aws-west/exports", json: delta)
            #expect(response.status == .ok)
            #expect(response.text == #"{"cluster":"aws-west","generation":2,"leaseExpiresInSeconds":15,"version":2}\#n"#)

            let exports = try await client.send(.get, "/v1/clusters/aws-west/exports")
            #expect(
                exports.text == """
                    {"cluster":"aws-west","exports":[\
                    {"endpoints":[{"addresses":["10.1.2.3"],"hostname":"catalog-0","ready":true,"weight":1,"zone":"us-west-2a"},\
                    {"addresses":["10.1.2.4"],"ready":true,"weight":1}],"ips":["10.96.0.10","fd00::10"],"name":"catalog","namespace":"shop",\
                    "ports":[{"name":"http","port":80,"protocol":"TCP"}],"type":"clusterSetIP"},\
                    {"endpoints":[{"addresses":["10.1.4.1"],"ready":true,"weight":2}],"name":"search","namespace":"shop","ports":[],"type":"headless"}\
                    ],"generation":2}
                    """ + "\n")
        }
    }

    @Test func exportsAreListedInThePushedShape() async throws {
        let harness = try APITestHarness()
        try await harness.run { client in
            _ = try await client.send(.put, "/v1/clusters/aws-west/snapshot", json: Fixtures.snapshot())
            let response = try await client.send(.get, "/v1/clusters/aws-west/exports")
            #expect(response.status == .ok)
            #expect(
                response.text == """
                    {"cluster":"aws-west","exports":[\
                    {"endpoints":[{"addresses":["10.1.3.7"],"hostname":"carts-0","ready":true,"weight":1}],"name":"carts","namespace":"shop",\
                    "ports":[{"name":"redis","port":6379,"protocol":"TCP"}],"type":"headless"},\
                    {"endpoints":[{"addresses":["10.1.2.3"],"hostname":"catalog-0","ready":true,"weight":1,"zone":"us-west-2a"},\
                    {"addresses":["10.1.2.4"],"ready":false,"weight":1}],"ips":["10.96.0.10","fd00::10"],"name":"catalog","namespace":"shop",\
                    "ports":[{"name":"http","port":80,"protocol":"TCP"}],"type":"clusterSetIP"}\
                    ],"generation":1}
                    """ + "\n")
        }
    }

    @Test func heartbeatRenewsTheLease() async throws {
        let harness = try APITestHarness()
        try await harness.run { client in
            _ = try await client.send(.put, "/v1/clusters/aws-west/snapshot", json: Fixtures.snapshot())
            harness.clock.advance(by: .seconds(12))
            let response = try await client.send(.post, "/v1/clusters/aws-west/heartbeat")
            #expect(response.status == .ok)
            #expect(response.text == #"{"cluster":"aws-west","generation":1,"leaseExpiresInSeconds":15,"version":2}\#n"#)
        }
    }

    @Test func clustersAreListedWithTheirLeases() async throws {
        let harness = try APITestHarness()
        try await harness.run { client in
            _ = try await client.send(.put, "/v1/clusters/gcp-east/snapshot", json: #"{"generation": 3, "exports": []}"#)
            harness.clock.advance(by: .seconds(10))
            _ = try await client.send(.put, "/v1/clusters/aws-west/snapshot", json: Fixtures.snapshot())
            harness.clock.advance(by: .seconds(5))
            harness.table.advance()
            harness.clock.advance(by: .milliseconds(500))
            let response = try await client.send(.get, "/v1/clusters")
            #expect(response.status == .ok)
            #expect(
                response.text == """
                    {"clusters":[\
                    {"endpoints":3,"generation":1,"id":"aws-west","labels":{"cloud":"aws"},"lease":"live","leaseExpiresInSeconds":9.5,"region":"us-west","zone":"us-west-2a"},\
                    {"endpoints":0,"generation":3,"id":"gcp-east","labels":{},"lease":"stale"}\
                    ]}
                    """ + "\n")
        }
    }

    @Test func servicesAreMergedOverClusters() async throws {
        let harness = try APITestHarness()
        try await harness.run { client in
            _ = try await client.send(.put, "/v1/clusters/aws-west/snapshot", json: Fixtures.snapshot())
            let gcp =
                #"{"generation": 1, "exports": [{"namespace": "shop", "name": "catalog", "type": "clusterSetIP", "ips": ["10.97.0.10"], "endpoints": [{"addresses": ["10.2.0.1"]}]}]}"#
            _ = try await client.send(.put, "/v1/clusters/gcp-east/snapshot", json: gcp)
            let response = try await client.send(.get, "/v1/services")
            #expect(response.status == .ok)
            #expect(
                response.text == """
                    {"services":[\
                    {"clusters":[{"cluster":"aws-west","endpoints":1,"lease":"live","ports":[{"name":"redis","port":6379,"protocol":"TCP"}],"readyEndpoints":1,"type":"headless"}],\
                    "name":"carts","namespace":"shop"},\
                    {"clusters":[{"cluster":"aws-west","endpoints":2,"ips":["10.96.0.10","fd00::10"],"lease":"live","ports":[{"name":"http","port":80,"protocol":"TCP"}],"readyEndpoints":1,"type":"clusterSetIP"},\
                    {"cluster":"gcp-east","endpoints":1,"ips":["10.97.0.10"],"lease":"live","ports":[],"readyEndpoints":1,"type":"clusterSetIP"}],\
                    "name":"catalog","namespace":"shop"}\
                    ]}
                    """ + "\n")
        }
    }

    @Test func deleteForgetsTheCluster() async throws {
        let harness = try APITestHarness()
        try await harness.run { client in
            _ = try await client.send(.put, "/v1/clusters/aws-west/snapshot", json: Fixtures.snapshot())
            let response = try await client.send(.delete, "/v1/clusters/aws-west")
            #expect(response.status == .noContent)
            #expect(response.text.isEmpty)
            #expect(try await client.send(.get, "/v1/clusters").text == #"{"clusters":[]}\#n"#)
            #expect(try await client.send(.get, "/v1/services").text == #"{"services":[]}\#n"#)
        }
        #expect(harness.table.snapshot.clusters.isEmpty)
    }

    @Test(
        arguments: [
            (HTTPRequest.Method.post, "/v1/clusters/gcp-east/heartbeat", nil),
            (.patch, "/v1/clusters/gcp-east/exports", Fixtures.delta(#""upsert": []"#)),
            (.get, "/v1/clusters/gcp-east/exports", nil),
            (.delete, "/v1/clusters/gcp-east", nil),
        ] as [(HTTPRequest.Method, String, String?)])
    func unknownClusterIs404(method: HTTPRequest.Method, uri: String, body: String?) async throws {
        let harness = try APITestHarness()
        try await harness.run { client in
            _ = try await client.send(.put, "/v1/clusters/aws-west/snapshot", json: Fixtures.snapshot())
            let response = try await client.send(method, uri, json: body)
            #expect(response.status == .notFound)
            #expect(
                response.text
                    == #"{"error":{"code":"unknown_cluster","field":"cluster","message":"cluster gcp-east is not known; send a snapshot first"}}\#n"#)
        }
        #expect(harness.table.snapshot.version == 1)
    }

    @Test func storeFailureIs503WithoutTheStoresTextAndChangesNothing() async throws {
        let harness = try APITestHarness(store: FailingStore())
        try await harness.run { client in
            let response = try await client.send(.put, "/v1/clusters/aws-west/snapshot", json: Fixtures.snapshot())
            #expect(response.status == .serviceUnavailable)
            #expect(response.text == #"{"error":{"code":"store_failed","message":"the change could not be stored; nothing changed"}}\#n"#)
        }
        #expect(harness.table.snapshot.version == 0)
    }
}
