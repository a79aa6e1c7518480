import Foundation
import TestKit
import TestSupport
import Testing

extension DeployTests {
    /// deploy/grafana: the dashboard is valid JSON whose every panel queries the Prometheus data
    /// source, and whose every query names only metrics a running gnsd exports. The gnsd is the
    /// binary, with HTTPS, zone transfers and NOTIFY on, after a push, a refused push, a query, an
    /// AXFR and a failed TLS handshake, so that the series made on first use exist too.
    @Suite
    struct GrafanaDashboardTests {
        /// Every metric name in `expression` (gnsd's and the process's).
        static func metricNames(in expression: String) -> Set<String> {
            Set(expression.matches(of: /\b(?:gnsd|process)_[a-z0-9_]+\b/).map { String($0.output) })
        }

        /// The names a scrape shows: each family, and a histogram's `_bucket`, `_sum` and `_count`.
        static func exported(by exposition: String) -> Set<String> {
            Set(
                exposition.split(separator: "\n").filter { $0.hasPrefix("# TYPE ") }.flatMap { line -> [String] in
                    let parts = line.split(separator: " ")
                    let name = String(parts[2])
                    return parts[3] == "histogram" ? [name, name + "_bucket", name + "_sum", name + "_count"] : [name]
                })
        }

        @Test func everyQueryNamesAnExportedMetric() async throws {
            let dashboard = try #require(
                try JSONSerialization.jsonObject(with: Data(Repository.read("deploy/grafana/gnsd-dashboard.json").utf8)) as? [String: Any])
            let panels = try #require(dashboard["panels"] as? [[String: Any]])
            var queried: Set<String> = []
            for panel in panels where panel["type"] as? String != "row" {
                let title = panel["title"] as? String ?? "?"
                #expect((panel["datasource"] as? [String: String])?["uid"] == "${datasource}", "\(title)")
                let targets = try #require(panel["targets"] as? [[String: Any]], "\(title)")
                #expect(!targets.isEmpty, "\(title)")
                for target in targets {
                    let expression = try #require(target["expr"] as? String, "\(title)")
                    let names = Self.metricNames(in: expression)
                    #expect(!names.isEmpty, "\(title): \(expression)")
                    #expect(expression.contains(#"instance=~"$instance""#), "\(title): \(expression)")
                    queried.formUnion(names)
                }
            }
            let exposition = try await Self.exercisedExposition()
            let exported = Self.exported(by: exposition)
            #expect(queried.subtracting(exported).isEmpty, "queried but not exported: \(queried.subtracting(exported).sorted())")
            #expect(queried.count >= 30)
        }

        /// `/metrics` of a gnsd that has done what makes each family appear.
        static func exercisedExposition() async throws -> String {
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let ca = try await TestCertificateAuthority.make(in: directory, name: "ca")
            let server = try await ca.issue("server", names: ["DNS:localhost", "IP:127.0.0.1"])
            let quietPort = try FreePort.find()
            let configuration = """
                api:
                  tls: {certificate: \(server.certificate), key: \(server.key)}
                transfer:
                  allow: [{networks: ["127.0.0.0/8"]}]
                  notify: [{address: "127.0.0.1:\(quietPort)"}]
                  notify-interval-ms: 100
                """
            let tls = APIClient.TLS(caFile: ca.certificate)
            let gnsd = try await ServeProcess.start(configuration: configuration, in: directory, tls: tls)
            return try await gnsd.whileRunning {
                let api = APIClient(port: gnsd.apiPort, tls: tls)
                let snapshot =
                    #"{"generation": 1, "exports": [{"namespace": "default", "name": "web", "type": "headless", "endpoints": [{"addresses": ["10.1.0.1"]}]}]}"#
                #expect(try await api.send("PUT", "/v1/clusters/aws-west/snapshot", json: snapshot).status == 200)
                #expect(try await api.send("PUT", "/v1/clusters/aws-west/snapshot", json: snapshot).status == 409)
                _ = try await DNSLookup.query(.dig, port: gnsd.dnsPort, "acme.local", "SOA")
                _ = try await ExternalCommand.run("dig", ["@127.0.0.1", "-p", "\(gnsd.dnsPort)", "acme.local", "AXFR", "+tries=1", "+time=3"])
                _ = try? await APIClient(port: gnsd.apiPort).send("GET", "/healthz")
                return try #require(
                    try await eventuallyValue(within: .seconds(10), every: .milliseconds(200)) {
                        let text = try await api.send("GET", "/metrics").body
                        let needed = ["gnsd_tls_handshake_failures_total", "gnsd_notify_messages_total", "gnsd_transfer_requests_total"]
                        return needed.allSatisfy { text.contains("# TYPE \($0) ") } ? text : nil
                    }, "the families made on first use appear")
            }
        }
    }
}
