import Authority
import DNSWire
import Hummingbird
import HummingbirdTesting
import PushAPI
import Synchronization
import Testing

@Suite("Health, readiness, metrics and the listening server")
struct OperationsTests {
    @Test func healthzAnswersOk() async throws {
        let harness = try APITestHarness(ready: false)
        try await harness.run { client in
            let response = try await client.send(.get, "/healthz")
            #expect(response.status == .ok)
            #expect(response.text == "ok")
        }
    }

    @Test func readyzFollowsTheReadinessHook() async throws {
        let harness = try APITestHarness(ready: false)
        try await harness.run { client in
            let waiting = try await client.send(.get, "/readyz")
            #expect(waiting.status == .serviceUnavailable)
            #expect(waiting.text == #"{"error":{"code":"not_ready","message":"gnsd is not serving DNS yet"}}\#n"#)
            harness.readiness.isOn = true
            let ready = try await client.send(.get, "/readyz")
            #expect(ready.status == .ok)
            #expect(ready.text == "ok")
        }
    }

    @Test func metricsCountPushesAndDescribeTheTable() async throws {
        let harness = try APITestHarness()
        harness.metrics.observe(type: .aaaa, rcode: .nxDomain, duration: .microseconds(80), channel: QueryChannel(transport: .udp, isIPv6: true))
        harness.metrics.observe(
            type: RecordType(rawValue: 99), rcode: .noError, duration: .microseconds(30), channel: QueryChannel(transport: .tls, isIPv6: false))
        try await harness.run { client in
            _ = try await client.send(.put, "/v1/clusters/aws-west/snapshot", json: Fixtures.snapshot(generation: 2))
            _ = try await client.send(.put, "/v1/clusters/aws-west/snapshot", json: Fixtures.snapshot(generation: 1))
            _ = try await client.send(.put, "/v1/clusters/aws-west/snapshot", json: "{")
            _ = try await client.send(.post, "/v1/clusters/aws-west/heartbeat")
            let response = try await client.send(.get, "/metrics")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/plain; version=0.0.4; charset=utf-8")
            let lines = Set(response.text.split(separator: "\n").map(String.init))
            for expected in [
                #"gnsd_pushes_total{kind="snapshot",result="accepted"} 1"#,
                #"gnsd_pushes_total{kind="snapshot",result="stale_generation"} 1"#,
                #"gnsd_pushes_total{kind="snapshot",result="malformed_json"} 1"#,
                #"gnsd_pushes_total{kind="heartbeat",result="accepted"} 1"#,
                #"gnsd_table_clusters{lease="live"} 1.0"#,
                #"gnsd_table_clusters{lease="stale"} 0.0"#,
                "gnsd_table_services 2.0",
                "gnsd_table_endpoints 3.0",
                "gnsd_table_version 2.0",
                "gnsd_table_damped_clusters 0.0",
                "gnsd_table_held_withdrawals 0.0",
                #"gnsd_dns_requests_total{proto="udp",family="2",type="AAAA"} 1"#,
                #"gnsd_dns_requests_total{proto="tls",family="1",type="other"} 1"#,
                #"gnsd_dns_requests_total{proto="udp",family="1",type="AAAA"} 0"#,
                #"gnsd_dns_responses_total{rcode="NXDOMAIN"} 1"#,
                #"gnsd_dns_responses_total{rcode="NOERROR"} 1"#,
                "gnsd_dns_request_duration_seconds_count 2",
                "# TYPE gnsd_dns_request_duration_seconds histogram",
            ] {
                #expect(lines.contains(expected), "missing \(expected)")
            }
        }
    }

    @Test func applicationReportsTheBoundPort() async throws {
        let harness = try APITestHarness()
        let reported = Mutex<Int?>(nil)
        let app = harness.api.buildApplication { port in reported.withLock { $0 = port } }
        try await app.test(.live) { client in
            let response = try await client.send(.get, "/healthz")
            #expect(response.status == .ok)
            #expect(reported.withLock { $0 } == client.port)
        }
    }
}
