import HummingbirdTesting
import Testing

@Suite("Generation conflicts change nothing")
struct ConflictTests {
    static let cases: [BadInput] = [
        BadInput(
            name: "snapshot at the current generation", method: .put, uri: "/v1/clusters/aws-west/snapshot",
            body: #"{"generation": 1, "exports": []}"#, status: .conflict, code: "stale_generation", field: "generation", currentGeneration: 1),
        BadInput(
            name: "delta on another base", method: .patch, uri: "/v1/clusters/aws-west/exports",
            body: #"{"baseGeneration": 5, "generation": 6, "remove": [{"namespace": "shop", "name": "carts"}]}"#,
            status: .conflict, code: "generation_mismatch", field: "baseGeneration", currentGeneration: 1),
        BadInput(
            name: "delta that does not raise the generation", method: .patch, uri: "/v1/clusters/aws-west/exports",
            body: #"{"baseGeneration": 1, "generation": 1}"#, status: .conflict, code: "stale_generation", field: "generation", currentGeneration: 1),
    ]

    @Test(arguments: cases)
    func conflictIs409(_ input: BadInput) async throws {
        try await input.expectRefused()
    }

    @Test func conflictNamesTheCurrentGeneration() async throws {
        let harness = try APITestHarness()
        try await harness.run { client in
            _ = try await client.send(.put, "/v1/clusters/aws-west/snapshot", json: Fixtures.snapshot(generation: 7))
            let response = try await client.send(.put, "/v1/clusters/aws-west/snapshot", json: #"{"generation": 7, "exports": []}"#)
            #expect(
                response.text == """
                    {"error":{"code":"stale_generation","currentGeneration":7,"field":"generation",\
                    "message":"generation must be greater than the current generation 7"}}
                    """ + "\n")
        }
    }
}
