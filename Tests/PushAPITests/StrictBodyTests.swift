import EndpointTable
import Hummingbird
import HummingbirdTesting
import PushAPI
import Testing

@Suite("Strict bodies: unknown members, null, generations out of range and non-JSON media types are refused")
struct StrictBodyTests {
    static let headless = Fixtures.cartsHeadless
    /// The highest generation, 2^53.
    static let highest = "9007199254740992"

    static let cases: [BadInput] = [
        .snapshot("unknown top-level member", #"{"generation": 2, "exports": [], "exprots": []}"#, field: "exprots"),
        .snapshot(
            "misspelled ready",
            Fixtures.snapshot(exports: #"{\#(headless), "endpoints": [{"addresses": ["10.1.2.3"]}, {"addresses": ["10.1.2.4"], "redy": false}]}"#),
            field: "exports[0].endpoints[1].redy"),
        .snapshot("unknown export member", Fixtures.snapshot(exports: #"{\#(headless), "clusterIP": "10.96.0.1"}"#), field: "exports[0].clusterIP"),
        .snapshot(
            "unknown port member", Fixtures.snapshot(exports: #"{\#(headless), "ports": [{"port": 80, "protocol": "TCP", "appProtocol": "http"}]}"#),
            field: "exports[0].ports[0].appProtocol"),
        .snapshot(
            "unknown cluster member", #"{"generation": 2, "cluster": {"region": "us-west", "regoin": "x"}, "exports": []}"#, field: "cluster.regoin"),
        .snapshot("the first of two unknown members by name", #"{"generation": 2, "exports": [], "zz": 1, "aa": 2}"#, field: "aa"),
        .snapshot("null cluster", #"{"generation": 2, "cluster": null, "exports": []}"#, field: "cluster"),
        .snapshot("null region", #"{"generation": 2, "cluster": {"region": null}, "exports": []}"#, field: "cluster.region"),
        .snapshot("null labels", #"{"generation": 2, "cluster": {"labels": null}, "exports": []}"#, field: "cluster.labels"),
        .snapshot("null label value", #"{"generation": 2, "cluster": {"labels": {"cloud": null}}, "exports": []}"#, field: "cluster.labels.cloud"),
        .snapshot("null generation", #"{"generation": null, "exports": []}"#, field: "generation"),
        .snapshot("null exports", #"{"generation": 2, "exports": null}"#, field: "exports"),
        .snapshot("null ips", Fixtures.snapshot(exports: #"{\#(headless), "ips": null}"#), field: "exports[0].ips"),
        .snapshot("null ports", Fixtures.snapshot(exports: #"{\#(headless), "ports": null}"#), field: "exports[0].ports"),
        .snapshot("null endpoints", Fixtures.snapshot(exports: #"{\#(headless), "endpoints": null}"#), field: "exports[0].endpoints"),
        .snapshot(
            "null port name", Fixtures.snapshot(exports: #"{\#(headless), "ports": [{"name": null, "port": 80, "protocol": "TCP"}]}"#),
            field: "exports[0].ports[0].name"),
        .snapshot(
            "null hostname", Fixtures.snapshot(cartsEndpointWith: #""hostname": null"#),
            field: "exports[0].endpoints[0].hostname"),
        .snapshot(
            "null ready", Fixtures.snapshot(cartsEndpointWith: #""ready": null"#),
            field: "exports[0].endpoints[0].ready"),
        .snapshot(
            "null zone", Fixtures.snapshot(cartsEndpointWith: #""zone": null"#),
            field: "exports[0].endpoints[0].zone"),
        .snapshot(
            "null weight", Fixtures.snapshot(cartsEndpointWith: #""weight": null"#),
            field: "exports[0].endpoints[0].weight"),
        .snapshot(
            "null address", Fixtures.snapshot(exports: #"{\#(headless), "endpoints": [{"addresses": [null]}]}"#),
            field: "exports[0].endpoints[0].addresses[0]"),
        .snapshot("generation 0", #"{"generation": 0, "exports": []}"#, field: "generation"),
        .snapshot("generation 2^53 + 1", #"{"generation": 9007199254740993, "exports": []}"#, field: "generation"),
        .snapshot("generation 2^64 - 1", #"{"generation": 18446744073709551615, "exports": []}"#, field: "generation"),
        .snapshot("generation true", #"{"generation": true, "exports": []}"#, field: "generation"),
        BadInput(
            name: "baseGeneration 0", method: .patch, uri: "/v1/clusters/aws-west/exports", body: #"{"baseGeneration": 0, "generation": 2}"#,
            status: .unprocessableContent, code: "invalid", field: "baseGeneration"),
        BadInput(
            name: "delta generation beyond 2^53", method: .patch, uri: "/v1/clusters/aws-west/exports",
            body: #"{"baseGeneration": 1, "generation": 18446744073709551615}"#, status: .unprocessableContent, code: "invalid", field: "generation"),
        .delta("unknown delta member", #""upserts": []"#, field: "upserts"),
        .delta("unknown upsert member", #""upsert": [{\#(headless), "ready": true}]"#, field: "upsert[0].ready"),
        .delta("unknown removal member", #""remove": [{"namespace": "shop", "name": "carts", "force": true}]"#, field: "remove[0].force"),
        .delta(
            "unknown readiness member",
            #""readiness": [{"namespace": "shop", "name": "catalog", "address": "10.1.2.4", "ready": true, "why": "probe"}]"#,
            field: "readiness[0].why"),
        .delta("null upsert", #""upsert": null"#, field: "upsert"),
        .delta("null remove", #""remove": null"#, field: "remove"),
        .delta("null readiness", #""readiness": null"#, field: "readiness"),
        BadInput(
            name: "an unknown member nested 100,000 deep", method: .put, uri: "/v1/clusters/aws-west/snapshot",
            body: #"{"generation": 2, "exports": [], "x": \#(String(repeating: "[", count: 100_000))\#(String(repeating: "]", count: 100_000))}"#,
            status: .badRequest, code: "malformed_json", field: nil),
        .delta(
            "null readiness address", #""readiness": [{"namespace": "shop", "name": "catalog", "address": null, "ready": true}]"#,
            field: "readiness[0].address"),
    ]

    @Test(arguments: cases)
    func refusedWithTheFieldAtFault(_ input: BadInput) async throws {
        try await input.expectRefused()
    }

    @Test func misspelledMemberIsNamedWithTheKnownOnes() async throws {
        let harness = try APITestHarness()
        try await harness.run { client in
            let body = Fixtures.snapshot(cartsEndpointWith: #""redy": false"#)
            let response = try await client.send(.put, "/v1/clusters/aws-west/snapshot", json: body)
            #expect(response.status == .unprocessableContent)
            #expect(
                response.text == """
                    {"error":{"code":"invalid","field":"exports[0].endpoints[0].redy",\
                    "message":"is not a known member (known: addresses, hostname, ready, zone, weight)"}}
                    """ + "\n")
        }
        #expect(harness.table.snapshot.version == 0)
    }

    @Test func aHugeUnknownMemberNameIsCutInTheField() async throws {
        let harness = try APITestHarness()
        try await harness.run { client in
            let name = String(repeating: "x", count: 100_000)
            let response = try await client.send(.put, "/v1/clusters/aws-west/snapshot", json: #"{"generation": 1, "exports": [], "\#(name)": 1}"#)
            #expect(response.status == .unprocessableContent)
            #expect(try ErrorBody(response.text).error.field == String(repeating: "x", count: 16) + "…")
        }
    }

    @Test func theHighestGenerationIsAcceptedAndNoneFollows() async throws {
        let harness = try APITestHarness()
        try await harness.run { client in
            let accepted = try await client.send(.put, "/v1/clusters/aws-west/snapshot", json: #"{"generation": \#(Self.highest), "exports": []}"#)
            #expect(accepted.status == .ok)
            #expect(harness.table.snapshot.clusters[ClusterID("aws-west")!]?.generation == 1 << 53)
            let refused = try await client.send(.put, "/v1/clusters/aws-west/snapshot", json: #"{"generation": 9007199254740993, "exports": []}"#)
            #expect(
                refused.text == #"{"error":{"code":"invalid","field":"generation","message":"must be an integer from 1 to 9007199254740992"}}\#n"#)
        }
    }

    @Test(
        arguments: [
            ("application/json", HTTPResponse.Status.ok),
            ("application/json; charset=utf-8", .ok),
            ("Application/JSON;charset=\"UTF-8\"", .ok),
            ("application/json; charset=iso-8859-1", .unsupportedMediaType),
            ("application/x-www-form-urlencoded", .unsupportedMediaType),
            ("text/plain", .unsupportedMediaType),
            ("application/jsonp", .unsupportedMediaType),
            (nil, .unsupportedMediaType),
        ] as [(String?, HTTPResponse.Status)])
    func onlyJSONBodiesAreRead(contentType: String?, status: HTTPResponse.Status) async throws {
        let harness = try APITestHarness()
        try await harness.run { client in
            var headers: HTTPFields = [:]
            headers[.contentType] = contentType
            let response = try await client.execute(
                uri: "/v1/clusters/aws-west/snapshot", method: .put, headers: headers, body: ByteBuffer(string: Fixtures.snapshot()))
            #expect(response.status == status)
            if status == .unsupportedMediaType {
                #expect(
                    response.text
                        == #"{"error":{"code":"unsupported_media_type","message":"the body must be sent as Content-Type: application/json"}}\#n"#)
            }
        }
        #expect(harness.table.snapshot.version == (status == .ok ? 1 : 0))
    }

    @Test func aDeltaIsRefusedWithoutJSONMediaTypeToo() async throws {
        let harness = try APITestHarness()
        try await harness.run { client in
            _ = try await client.send(.put, "/v1/clusters/aws-west/snapshot", json: Fixtures.snapshot())
            let response = try await client.execute(
                uri: "/v1/clusters/aws-west/exports", method: .patch, headers: [.contentType: "text/plain"],
                body: ByteBuffer(string: Fixtures.delta(#""remove": [{"namespace": "shop", "name": "carts"}]"#)))
            #expect(response.status == .unsupportedMediaType)
            #expect(try ErrorBody(response.text).error.code == "unsupported_media_type")
        }
        #expect(harness.table.snapshot.version == 1)
    }
}
