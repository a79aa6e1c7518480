import EndpointTable
import Hummingbird
import HummingbirdTesting
import Testing

/// Bodies over 64 KiB are decoded and written on NIO's thread pool instead of the event loop
/// that read them; they are answered exactly as small ones: accepted, or refused naming the field
/// with nothing changed.
struct LargeBodyTests {
    /// A snapshot of `count` headless services, each with one ready endpoint; `bad` replaces the
    /// last endpoint's address.
    static func snapshot(services count: Int, generation: Int, lastAddress: String? = nil) -> String {
        let exports = (0..<count).map { index in
            let address = index == count - 1 ? lastAddress ?? "10.2.\(index / 250).\(index % 250 + 1)" : "10.2.\(index / 250).\(index % 250 + 1)"
            return
                #"{"namespace": "shop", "name": "svc-\#(index)", "type": "headless", "endpoints": [{"addresses": ["\#(address)"], "ready": true}]}"#
        }
        return #"{"generation": \#(generation), "exports": [\#(exports.joined(separator: ","))]}"#
    }

    @Test func aLargeSnapshotIsAcceptedAndALargeBadOneChangesNothing() async throws {
        let good = Self.snapshot(services: 1000, generation: 1)
        let bad = Self.snapshot(services: 1000, generation: 2, lastAddress: "10.2.999.1")
        #expect(good.utf8.count > 64 << 10)
        let harness = try APITestHarness()
        try await harness.run { client in
            let accepted = try await client.send(.put, "/v1/clusters/aws-west/snapshot", json: good)
            #expect(accepted.status == .ok)
            #expect(accepted.text == #"{"cluster":"aws-west","generation":1,"leaseExpiresInSeconds":15,"version":1}\#n"#)

            let refused = try await client.send(.put, "/v1/clusters/aws-west/snapshot", json: bad)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains(#""field":"exports[999].endpoints[0].addresses[0]""#))
        }
        let state = try #require(harness.table.snapshot.clusters[ClusterID("aws-west")!])
        #expect(state.generation == 1)
        #expect(state.endpointCount == 1000)
    }
}
