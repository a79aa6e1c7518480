import Hummingbird
import HummingbirdTesting
import TestKit
import Testing

@testable import PushAPI

@Suite("The log narrates each cluster's life: registered, live again, deleted")
struct ClusterLifecycleLogTests {
    @Test func registrationReturnAndDeletionAreOneLineEach() async throws {
        let log = LogRecorder()
        let harness = try APITestHarness(settings: AuthTests.settings, log: log)
        let statuses = try await harness.run { client in
            var statuses = [
                try await client.send(.put, "/v1/clusters/aws-west/snapshot", json: Fixtures.snapshot(), token: "aws-token").status,
                try await client.send(.post, "/v1/clusters/aws-west/heartbeat", token: "aws-token").status,
            ]
            harness.clock.advance(by: .seconds(16))
            harness.table.advance()
            statuses.append(try await client.send(.post, "/v1/clusters/aws-west/heartbeat", token: "aws-token").status)
            statuses.append(try await client.send(.delete, "/v1/clusters/aws-west", token: "admin-token").status)
            return statuses
        }
        #expect(statuses == [.ok, .ok, .ok, .noContent])
        #expect(
            log.lines.filter { $0.contains("cluster ") && !$0.contains("write accepted") } == [
                "info: cluster registered {caller=cluster aws-west by bearer token, cluster=aws-west, endpoints=3, region=us-west, zone=us-west-2a}",
                "notice: cluster live again {cluster=aws-west, was=stale}",
                "notice: cluster deleted: its names are no longer answered {caller=admin by bearer token, cluster=aws-west, was=live}",
            ])
    }
}
