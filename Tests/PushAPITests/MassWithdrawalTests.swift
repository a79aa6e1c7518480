import EndpointTable
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import PushAPI

@Suite("A mass withdrawal held by the guard: bounded push results, audit summaries of what each write changed")
struct MassWithdrawalTests {
    /// 25 services `shop/s00`…`shop/s24`, one endpoint each, ready or not.
    static func exports(ready: Bool) -> String {
        (0..<25).map { index in
            let name = String(format: "s%02d", index)
            return """
                {"namespace": "shop", "name": "\(name)", "type": "clusterSetIP", "ips": ["10.96.0.\(index + 1)"],
                 "endpoints": [{"addresses": ["10.1.0.\(index + 1)"], "ready": \(ready)}]}
                """
        }.joined(separator: ",")
    }

    static func body(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [String: Any])
    }

    @Test func heldServicesAreListedUpToTwentyAndEachWriteSummarisesOnlyWhatItChanged() async throws {
        let harness = try APITestHarness(settings: AuthTests.settings, tableSettings: TableSettings(withdrawalGuard: WithdrawalGuard()))
        try await harness.run { client in
            let first = #"{"generation": 1, "exports": [\#(Self.exports(ready: true))]}"#
            #expect(try await client.send(.put, "/v1/clusters/aws-west/snapshot", json: first, token: "aws-token").status == .ok)

            let emptied = try await client.send(
                .put, "/v1/clusters/aws-west/snapshot", json: #"{"generation": 2, "exports": []}"#, token: "aws-token")
            #expect(emptied.status == .ok)
            let held = try #require(try Self.body(emptied)["heldWithdrawals"] as? [String: Any])
            #expect(held["services"] as? [String] == (0..<20).map { String(format: "shop/s%02d", $0) })
            #expect(held["servicesNotListed"] as? Int == 5)
            #expect(held["endpoints"] as? Int == 25)

            let unrelated =
                #"{"baseGeneration": 2, "generation": 3, "upsert": [{"namespace": "web", "name": "front", "type": "clusterSetIP", "ips": ["10.96.1.1"]}]}"#
            #expect(try await client.send(.patch, "/v1/clusters/aws-west/exports", json: unrelated, token: "aws-token").status == .ok)
            let back =
                #"{"baseGeneration": 3, "generation": 4, "upsert": [{"namespace": "shop", "name": "s07", "type": "clusterSetIP", "ips": ["10.96.0.8"], "endpoints": [{"addresses": ["10.1.0.8"], "ready": true}]}]}"#
            #expect(try await client.send(.patch, "/v1/clusters/aws-west/exports", json: back, token: "aws-token").status == .ok)
            let intended = #"{"baseGeneration": 4, "generation": 5, "intended": true, "remove": [{"namespace": "web", "name": "front"}]}"#
            let released = try await client.send(.patch, "/v1/clusters/aws-west/exports", json: intended, token: "aws-token")
            #expect(released.status == .ok)
            #expect(try Self.body(released)["heldWithdrawals"] == nil)

            let summaries = try await AuditTests.records(client).compactMap { $0["summary"] as? [String: Any] }
            let figures = summaries.map { summary in
                ["servicesAdded", "servicesRemoved", "servicesChanged"].map { "\(($0, (summary[$0] as? [String])?.count ?? 0))" }.joined()
                    + " notListed=\(summary["servicesNotListed"] ?? "-") ready=\(summary["endpointsMadeReady"] ?? "-")"
                    + " unready=\(summary["endpointsMadeUnready"] ?? "-") held=\(summary["withdrawalsHeld"] ?? "-") ended=\(summary["holdsEnded"] ?? "-")"
            }
            #expect(
                figures == [
                    #"("servicesAdded", 20)("servicesRemoved", 0)("servicesChanged", 0) notListed=5 ready=25 unready=0 held=0 ended=0"#,
                    #"("servicesAdded", 0)("servicesRemoved", 20)("servicesChanged", 0) notListed=5 ready=0 unready=25 held=25 ended=0"#,
                    #"("servicesAdded", 1)("servicesRemoved", 0)("servicesChanged", 0) notListed=0 ready=0 unready=0 held=0 ended=0"#,
                    #"("servicesAdded", 1)("servicesRemoved", 0)("servicesChanged", 0) notListed=0 ready=1 unready=0 held=0 ended=1"#,
                    #"("servicesAdded", 0)("servicesRemoved", 1)("servicesChanged", 0) notListed=0 ready=0 unready=0 held=0 ended=24"#,
                ])
        }
    }
}
