import HummingbirdTesting
import Testing

@Suite("GET /v1/explain")
struct ExplainTests {
    @Test func explainsAnAnswerFromTheTable() async throws {
        let harness = try APITestHarness()
        try await harness.run { client in
            _ = try await client.send(.put, "/v1/clusters/aws-west/snapshot", json: Fixtures.snapshot())
            let response = try await client.send(.get, "/v1/explain?name=carts.shop.svc.clusterset.local&type=aaaa&client=fd00::1&subnet=10.1.0.0/16")
            #expect(response.status == .ok)
            #expect(
                response.text == """
                    {"additionals":[],"answers":[],"authoritative":true,\
                    "authorities":["clusterset.local. 30 IN SOA ns1.clusterset.local. hostmaster.clusterset.local. 2026010101 7200 3600 1209600 30"],\
                    "candidates":[{"cluster":"aws-west","included":true,"lease":"live","locality":"other","namespace":"shop","readyEndpoints":1,"reason":"live with ready endpoints"}],\
                    "clientClusterSource":"unknown","clientPlacement":"in no cluster: no cluster network holds the ECS subnet 10.1.0.0/16",\
                    "failStatic":false,"name":"carts.shop.svc.clusterset.local.","policy":"local-first","rcode":"NOERROR",\
                    "source":"mcs","type":"AAAA","zone":"clusterset.local."}
                    """ + "\n")
        }
    }

    static let cases: [BadInput] = [
        .explain("name missing", "/v1/explain?type=A", field: "name"),
        .explain("name too long", "/v1/explain?name=\(String(repeating: "a", count: 64)).shop.svc.clusterset.local", field: "name"),
        .explain("unknown type", "/v1/explain?name=carts.shop.svc.clusterset.local&type=BOGUS", field: "type"),
        .explain("client not an address", "/v1/explain?name=carts.shop.svc.clusterset.local&client=10.1.2", field: "client"),
        .explain("subnet with bits past the prefix", "/v1/explain?name=carts.shop.svc.clusterset.local&subnet=10.1.2.3/16", field: "subnet"),
    ]

    @Test(arguments: cases)
    func badQueryIs422(_ input: BadInput) async throws {
        try await input.expectRefused()
    }
}
