import Hummingbird
import HummingbirdTesting
import Testing

@testable import PushAPI

@Suite("/metrics: each cluster's lease state and time left, and the build")
struct ClusterLeaseMetricsTests {
    /// The exposition's lines naming `metric`, in order.
    static func lines(_ exposition: String, _ metric: String) -> [String] {
        exposition.split(separator: "\n").map(String.init).filter { $0.hasPrefix(metric) }
    }

    @Test func everyClusterHasItsSeriesUntilItIsDeleted() async throws {
        let harness = try APITestHarness(settings: AuthTests.settings)
        let (before, after) = try await harness.run { client in
            _ = try await client.send(.put, "/v1/clusters/aws-west/snapshot", json: Fixtures.snapshot(), token: "aws-token")
            _ = try await client.send(.put, "/v1/clusters/gcp-east/snapshot", json: #"{"generation": 1, "exports": []}"#, token: "gcp-token")
            harness.clock.advance(by: .seconds(10))
            _ = try await client.send(.post, "/v1/clusters/aws-west/heartbeat", token: "aws-token")
            harness.clock.advance(by: .seconds(6))
            harness.table.advance()
            let before = try await client.send(.get, "/metrics").text
            _ = try await client.send(.delete, "/v1/clusters/gcp-east", token: "admin-token")
            return (before, try await client.send(.get, "/metrics").text)
        }
        #expect(
            Self.lines(before, "gnsd_cluster_lease_state{").sorted() == [
                #"gnsd_cluster_lease_state{cluster="aws-west",state="expired"} 0.0"#,
                #"gnsd_cluster_lease_state{cluster="aws-west",state="live"} 1.0"#,
                #"gnsd_cluster_lease_state{cluster="aws-west",state="stale"} 0.0"#,
                #"gnsd_cluster_lease_state{cluster="gcp-east",state="expired"} 0.0"#,
                #"gnsd_cluster_lease_state{cluster="gcp-east",state="live"} 0.0"#,
                #"gnsd_cluster_lease_state{cluster="gcp-east",state="stale"} 1.0"#,
            ])
        #expect(
            Self.lines(before, "gnsd_cluster_lease_remaining_seconds{").sorted() == [
                #"gnsd_cluster_lease_remaining_seconds{cluster="aws-west"} 9.0"#, #"gnsd_cluster_lease_remaining_seconds{cluster="gcp-east"} 0.0"#,
            ])
        #expect(!after.contains(#"cluster="gcp-east""#), "a deleted cluster's series go")
        #expect(Self.lines(after, "gnsd_cluster_lease_state{").count == 3)
        #expect(Self.lines(before, "gnsd_build_info") == [#"gnsd_build_info{version="0.1.0"} 1.0"#])
    }
}
