import Foundation
import TestKit
import TestSupport
import Testing

/// What `/metrics` says of a running gnsd that real clients used: queries by transport and address
/// family, open TCP connections, zone reloads and serials, API requests by route and status, and
/// the process.
@Suite(.serialized)
struct MetricsTests {
    static func metrics(_ server: RunningServer) async throws -> Set<String> {
        Set(try await APIClient(port: server.apiPort).send("GET", "/metrics").body.split(separator: "\n").map(String.init))
    }

    @Test func queriesConnectionsReloadsRequestsAndProcess() async throws {
        let zones = try ServedZones.edgeCaseDirectory()
        defer { zones.remove() }
        try await withServer(zones: zones.path) { server in
            _ = try await DNSLookup.query(.dig, port: server.port, "edge.test", "SOA")
            _ = try await DNSLookup.query(.dig, port: server.port, "edge.test", "SOA", options: ["+tcp"])
            _ = try await DNSLookup.query(.dig, port: server.ipv6Port, "edge.test", "NS", ipv6: true)
            for _ in 0..<3 {
                _ = try await DNSLookup.query(.dig, port: server.port, "edge.test", "SOA")
            }
            let held = try RawSocket(port: server.port, tcp: true)
            try zones.write("edge.test.zone", ServedZones.edgeCaseZone(serial: 7))
            #expect(server.application.reloadZones())
            try zones.write("edge.test.zone", "broken")
            #expect(!server.application.reloadZones())
            _ = try await APIClient(port: server.apiPort).send("PUT", "/v1/clusters/aws-west/snapshot", json: #"{"generation": 1, "exports": []}"#)
            _ = try await APIClient(port: server.apiPort).send("PUT", "/v1/clusters/aws-west/snapshot", json: #"{"generation": 1, "exports": []}"#)
            _ = try await APIClient(port: server.apiPort).send("GET", "/v2/nothing")
            let lines = try #require(
                try await eventuallyValue(within: .seconds(10), every: .milliseconds(100)) {
                    let lines = try await Self.metrics(server)
                    return lines.contains("gnsd_dns_tcp_connections 1.0") ? lines : nil
                }, "one TCP connection held open")
            withExtendedLifetime(held) {}
            for expected in [
                #"gnsd_dns_requests_total{proto="udp",family="1",type="SOA"} 4"#,
                #"gnsd_dns_requests_total{proto="tcp",family="1",type="SOA"} 1"#,
                #"gnsd_dns_requests_total{proto="udp",family="2",type="NS"} 1"#,
                #"gnsd_zone_reloads_total{result="loaded"} 1"#,
                #"gnsd_zone_reloads_total{result="failed"} 1"#,
                #"gnsd_zone_serial{zone="edge.test."} 7.0"#,
                #"gnsd_api_requests_total{route="/v1/clusters/{cluster}/snapshot",method="PUT",status="200"} 1"#,
                #"gnsd_api_requests_total{route="/v1/clusters/{cluster}/snapshot",method="PUT",status="409"} 1"#,
                #"gnsd_api_requests_total{route="NotFound",method="GET",status="404"} 1"#,
                #"gnsd_api_request_duration_seconds_count{route="/v1/clusters/{cluster}/snapshot"} 2"#,
            ] {
                #expect(lines.contains(expected), "missing \(expected) in \(lines.filter { $0.hasPrefix("gnsd_api") || $0.hasPrefix("gnsd_zone") })")
            }
            let value = { (name: String) in lines.first { $0.hasPrefix(name + " ") }.flatMap { Double($0.split(separator: " ")[1]) } ?? 0 }
            #expect(value("gnsd_answer_cache_hits_total") >= 1, "three UDP queries over two workers: one worker answers a copy")
            #expect(value("gnsd_answer_cache_misses_total") >= 2)
            #expect(value("gnsd_answer_cache_bytes") > 0)
            #expect(value("process_resident_memory_bytes") > 1_000_000)
            #expect(value("process_open_fds") > 3)
            #expect(value("process_max_fds") >= value("process_open_fds"))
            #expect(value("process_cpu_seconds_total") > 0)
            #expect(abs(value("process_start_time_seconds") - Date().timeIntervalSince1970) < 3600)
            #expect(abs(value("gnsd_zone_last_load_success_timestamp_seconds") - Date().timeIntervalSince1970) < 60)
        }
    }
}

/// `api.metrics-listen`: a second, plain HTTP listener with the metrics and health alone, beside
/// an API that wants tokens; a second gnsd finding the port taken stops with one line naming it.
@Suite(.serialized)
struct MetricsListenerTests {
    @Test func servesMetricsAndHealthOnly() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let port = try FreePort.find()
        let adminHash = String(repeating: "ab", count: 32)
        let gnsd = try await ServeProcess.start(
            configuration: "api:\n  admin-token-sha256: \(adminHash)\n  metrics-listen: \"127.0.0.1:\(port)\"\n", in: directory)
        try await gnsd.whileRunning {
            let metrics = APIClient(port: port)
            let scraped = try await metrics.send("GET", "/metrics")
            #expect(scraped.status == 200)
            #expect(scraped.body.contains("# TYPE gnsd_dns_requests_total counter"))
            #expect(try await metrics.send("GET", "/healthz").body == "ok")
            #expect(try await metrics.send("GET", "/readyz").status == 200)
            #expect(try await metrics.send("GET", "/v1/clusters").status == 404, "nothing of the API")
            #expect(try await metrics.send("GET", "/ui").status == 404)
            #expect(try await APIClient(port: gnsd.apiPort).send("GET", "/v1/clusters").status == 401, "the API still wants its token")

            try directory.write("taken.yaml", "api:\n  metrics-listen: \"127.0.0.1:\(port)\"\n")
            let second = try await ExternalCommand.run(
                GNSDBinary.path,
                [
                    "serve", "--config", "\(directory.path)/taken.yaml", "--zones", ServedZones.shipped, "--data", "\(directory.path)/second",
                    "--dns-listen", "127.0.0.1:\(try FreePort.find())", "--api-listen", "127.0.0.1:\(try FreePort.find())",
                ])
            #expect(second.status == 1)
            #expect(
                second.standardError.hasSuffix("gnsd stopped: cannot listen for the metrics listener on 127.0.0.1:\(port): address already in use\n"),
                "\(second.standardError)")
        }
    }

}
