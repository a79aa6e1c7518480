import EndpointTable
import Hummingbird
import HummingbirdTesting
import PushAPI
import Testing

@Suite("Bad input: exact status, code and field, and the table unchanged")
struct ValidationTests {
    static let headless = Fixtures.cartsHeadless
    static let endpoint = #"{"addresses": ["10.1.2.3"]}"#

    static let snapshotCases: [BadInput] = [
        BadInput(
            name: "malformed JSON", method: .put, uri: "/v1/clusters/aws-west/snapshot", body: #"{"generation": 2,"#,
            status: .badRequest, code: "malformed_json", field: nil),
        BadInput(
            name: "not an object", method: .put, uri: "/v1/clusters/aws-west/snapshot", body: "[1, 2]",
            status: .badRequest, code: "malformed_json", field: nil),
        BadInput(
            name: "empty body", method: .put, uri: "/v1/clusters/aws-west/snapshot", body: "",
            status: .badRequest, code: "malformed_json", field: nil),
        BadInput(
            name: "cluster id not a label", method: .put, uri: "/v1/clusters/AWS_West/snapshot", body: Fixtures.snapshot(generation: 2),
            status: .unprocessableContent, code: "invalid", field: "cluster"),
        .snapshot("generation missing", #"{"exports": []}"#, field: "generation"),
        .snapshot("generation negative", #"{"generation": -1, "exports": []}"#, field: "generation"),
        .snapshot("generation a fraction", #"{"generation": 2.5, "exports": []}"#, field: "generation"),
        .snapshot("generation beyond 64 bits", #"{"generation": 18446744073709551616, "exports": []}"#, field: "generation"),
        .snapshot("generation a string", #"{"generation": "2", "exports": []}"#, field: "generation"),
        .snapshot("exports missing", #"{"generation": 2}"#, field: "exports"),
        .snapshot("exports not an array", #"{"generation": 2, "exports": {}}"#, field: "exports"),
        .snapshot("namespace missing", Fixtures.snapshot(exports: #"{"name": "carts", "type": "headless"}"#), field: "exports[0].namespace"),
        .snapshot("name null", Fixtures.snapshot(exports: #"{"namespace": "shop", "name": null, "type": "headless"}"#), field: "exports[0].name"),
        .snapshot(
            "namespace upper case", Fixtures.snapshot(exports: #"{"namespace": "Shop", "name": "carts", "type": "headless"}"#),
            field: "exports[0].namespace"),
        .snapshot(
            "name of 64 characters",
            Fixtures.snapshot(exports: #"{"namespace": "shop", "name": "\#(String(repeating: "a", count: 64))", "type": "headless"}"#),
            field: "exports[0].name"),
        .snapshot(
            "name starting with a hyphen", Fixtures.snapshot(exports: Fixtures.carts, #"{"namespace": "shop", "name": "-cart", "type": "headless"}"#),
            field: "exports[1].name"),
        .snapshot(
            "unknown type", Fixtures.snapshot(exports: #"{"namespace": "shop", "name": "carts", "type": "loadBalancer"}"#), field: "exports[0].type"),
        .snapshot(
            "clusterSetIP without ips", Fixtures.snapshot(exports: #"{"namespace": "shop", "name": "carts", "type": "clusterSetIP"}"#),
            field: "exports[0].ips"),
        .snapshot(
            "clusterSetIP with no ips", Fixtures.snapshot(exports: #"{"namespace": "shop", "name": "carts", "type": "clusterSetIP", "ips": []}"#),
            field: "exports[0].ips"),
        .snapshot("headless with ips", Fixtures.snapshot(exports: #"{\#(headless), "ips": ["10.96.0.1"]}"#), field: "exports[0].ips"),
        .snapshot(
            "bad service IP",
            Fixtures.snapshot(exports: #"{"namespace": "shop", "name": "carts", "type": "clusterSetIP", "ips": ["10.96.0.1", "10.96.0.300"]}"#),
            field: "exports[0].ips[1]"),
        .snapshot(
            "bad endpoint address",
            Fixtures.snapshot(
                exports: Fixtures.carts,
                #"{"namespace": "shop", "name": "search", "type": "headless", "endpoints": [{"addresses": ["10.1.2.3", "fd00::zz"]}]}"#),
            field: "exports[1].endpoints[0].addresses[1]"),
        .snapshot(
            "endpoint without addresses", Fixtures.snapshot(exports: #"{\#(headless), "endpoints": [\#(endpoint), {"addresses": []}]}"#),
            field: "exports[0].endpoints[1].addresses"),
        .snapshot(
            "address not a string", Fixtures.snapshot(exports: #"{\#(headless), "endpoints": [{"addresses": [10]}]}"#),
            field: "exports[0].endpoints[0].addresses[0]"),
        .snapshot(
            "hostname not a label", Fixtures.snapshot(cartsEndpointWith: #""hostname": "carts_0""#),
            field: "exports[0].endpoints[0].hostname"),
        .snapshot(
            "ready not a boolean", Fixtures.snapshot(cartsEndpointWith: #""ready": "yes""#),
            field: "exports[0].endpoints[0].ready"),
        .snapshot(
            "weight negative", Fixtures.snapshot(cartsEndpointWith: #""weight": -1"#),
            field: "exports[0].endpoints[0].weight"),
        .snapshot(
            "weight out of range", Fixtures.snapshot(cartsEndpointWith: #""weight": 65536"#),
            field: "exports[0].endpoints[0].weight"),
        .snapshot(
            "port 0", Fixtures.snapshot(exports: #"{\#(headless), "ports": [{"port": 0, "protocol": "TCP"}]}"#), field: "exports[0].ports[0].port"),
        .snapshot(
            "port 65536",
            Fixtures.snapshot(exports: #"{\#(headless), "ports": [{"port": 80, "protocol": "TCP"}, {"port": 65536, "protocol": "TCP"}]}"#),
            field: "exports[0].ports[1].port"),
        .snapshot(
            "port a fraction", Fixtures.snapshot(exports: #"{\#(headless), "ports": [{"port": 80.5, "protocol": "TCP"}]}"#),
            field: "exports[0].ports[0].port"),
        .snapshot(
            "port a string", Fixtures.snapshot(exports: #"{\#(headless), "ports": [{"port": "80", "protocol": "TCP"}]}"#),
            field: "exports[0].ports[0].port"),
        .snapshot(
            "unknown protocol", Fixtures.snapshot(exports: #"{\#(headless), "ports": [{"port": 80, "protocol": "HTTP"}]}"#),
            field: "exports[0].ports[0].protocol"),
        .snapshot(
            "lower-case protocol", Fixtures.snapshot(exports: #"{\#(headless), "ports": [{"port": 80, "protocol": "tcp"}]}"#),
            field: "exports[0].ports[0].protocol"),
        .snapshot(
            "port name not a label", Fixtures.snapshot(exports: #"{\#(headless), "ports": [{"name": "HTTP", "port": 80, "protocol": "TCP"}]}"#),
            field: "exports[0].ports[0].name"),
        .snapshot("service listed twice", Fixtures.snapshot(exports: Fixtures.carts, Fixtures.carts), field: "exports[1]"),
        .snapshot(
            "visibility pattern not a cluster id pattern",
            Fixtures.snapshot(exports: #"{\#(headless), "visibleTo": {"clusters": ["aws-*", "AWS"]}}"#),
            field: "exports[0].visibleTo.clusters[1]"),
        .snapshot(
            "visibility with an unknown member", Fixtures.snapshot(exports: #"{\#(headless), "visibleTo": {"regions": ["eu"]}}"#),
            field: "exports[0].visibleTo.regions"),
        .snapshot(
            "too many endpoints in one push", Fixtures.snapshot(exports: Fixtures.catalog, Fixtures.carts, Fixtures.search),
            field: "exports[2].endpoints[0]"),
    ]

    static let deltaCases: [BadInput] = [
        BadInput(
            name: "baseGeneration missing", method: .patch, uri: "/v1/clusters/aws-west/exports", body: #"{"generation": 2}"#,
            status: .unprocessableContent, code: "invalid", field: "baseGeneration"),
        .delta(
            "upsert invalid", #""upsert": [{"namespace": "shop", "name": "carts", "type": "headless", "endpoints": [{"addresses": ["x"]}]}]"#,
            field: "upsert[0].endpoints[0].addresses[0]"),
        .delta("upsert listed twice", #""upsert": [\#(Fixtures.carts), \#(Fixtures.carts)]"#, field: "upsert[1]"),
        .delta(
            "too many endpoints in one push", #""upsert": [\#(Fixtures.catalog), \#(Fixtures.carts), \#(Fixtures.search)]"#,
            field: "upsert[2].endpoints[0]"),
        .delta("remove name not a label", #""remove": [{"namespace": "shop", "name": "Carts"}]"#, field: "remove[0].name"),
        .delta(
            "remove of an upserted service", #""upsert": [\#(Fixtures.carts)], "remove": [{"namespace": "shop", "name": "carts"}]"#,
            field: "remove[0]"),
        .delta(
            "readiness of a removed service",
            #""remove": [{"namespace": "shop", "name": "carts"}], "readiness": [{"namespace": "shop", "name": "carts", "address": "10.1.3.7", "ready": false}]"#,
            field: "readiness[0]"),
        .delta(
            "readiness address invalid", #""readiness": [{"namespace": "shop", "name": "catalog", "address": "10.1.2", "ready": true}]"#,
            field: "readiness[0].address"),
        .delta(
            "readiness without ready", #""readiness": [{"namespace": "shop", "name": "catalog", "address": "10.1.2.3"}]"#, field: "readiness[0].ready"
        ),
        .delta(
            "remove of an unknown service", #""remove": [{"namespace": "shop", "name": "carts"}, {"namespace": "shop", "name": "search"}]"#,
            code: "unknown_service", field: "remove[1]"),
        .delta(
            "readiness of an unknown service", #""readiness": [{"namespace": "shop", "name": "search", "address": "10.1.2.3", "ready": true}]"#,
            code: "unknown_service", field: "readiness[0]"),
        .delta(
            "readiness of an unknown endpoint",
            #""readiness": [{"namespace": "shop", "name": "catalog", "address": "10.1.2.3", "ready": true}, {"namespace": "shop", "name": "catalog", "address": "10.1.2.9", "ready": true}]"#,
            code: "unknown_endpoint", field: "readiness[1].address"),
    ]

    @Test(arguments: snapshotCases + deltaCases)
    func refusedWithTheFieldAtFault(_ input: BadInput) async throws {
        try await input.expectRefused()
    }

    @Test func errorBodyNamesFieldAndReason() async throws {
        let harness = try APITestHarness()
        try await harness.run { client in
            let body = Fixtures.snapshot(exports: #"{\#(Self.headless), "endpoints": [{"addresses": ["10.1.2.3", "10.1.2.256"]}]}"#)
            let response = try await client.send(.put, "/v1/clusters/aws-west/snapshot", json: body)
            #expect(response.status == .unprocessableContent)
            #expect(
                response.text
                    == #"{"error":{"code":"invalid","field":"exports[0].endpoints[0].addresses[1]","message":"must be an IPv4 or IPv6 address"}}\#n"#)
        }
        #expect(harness.table.snapshot.version == 0)
    }

    @Test func tooManyEndpointsInTheClusterIs422() async throws {
        let harness = try APITestHarness(tableSettings: TableSettings(maxEndpointsPerCluster: 3))
        try await harness.run { client in
            _ = try await client.send(.put, "/v1/clusters/aws-west/snapshot", json: Fixtures.snapshot())
            let before = harness.table.snapshot
            let delta = Fixtures.delta(#""upsert": [\#(Fixtures.search)]"#)
            let response = try await client.send(.patch, "/v1/clusters/aws-west/exports", json: delta)
            #expect(response.status == .unprocessableContent)
            #expect(response.text == #"{"error":{"code":"too_many_endpoints","message":"more than 3 endpoints in one cluster"}}\#n"#)
            #expect(harness.table.snapshot === before)
        }
    }

    @Test func oversizedBodyIs413() async throws {
        let harness = try APITestHarness(settings: APISettings(maxBodyBytes: 256))
        try await harness.run { client in
            let response = try await client.send(.put, "/v1/clusters/aws-west/snapshot", json: Fixtures.snapshot())
            #expect(response.status == .contentTooLarge)
            #expect(response.text == #"{"error":{"code":"body_too_large","message":"the request body exceeds 256 bytes"}}\#n"#)
        }
        #expect(harness.table.snapshot.version == 0)
    }

    @Test func unknownRouteIs404InTheErrorShape() async throws {
        let harness = try APITestHarness()
        try await harness.run { client in
            let response = try await client.send(.get, "/v1/nothing")
            #expect(response.status == .notFound)
            #expect(try ErrorBody(response.text).error.code == "not_found")
        }
    }
}
