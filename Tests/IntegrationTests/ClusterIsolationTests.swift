import Foundation
import TestKit
import TestSupport
import Testing

/// One cluster must never spoil another's names: the real gnsd binary, pushed to over HTTP and
/// queried with dig, sets an MCS service's kind by the oldest export of a live cluster (KEP-1645),
/// so a younger export of the other kind, or an older one whose cluster went stale, cannot take
/// the service away; and a state file that cannot be read stops gnsd with one line saying why.
@Suite(.serialized)
struct ClusterIsolationTests {
    static let catalog = "catalog.default.svc.clusterset.local"
    static let orders = "orders.default.svc.clusterset.local"

    static func clusterSetIP(_ name: String, ip: String) -> String {
        """
        {"namespace": "default", "name": "\(name)", "type": "clusterSetIP", "ips": ["\(ip)"],
         "ports": [{"name": "http", "port": 80, "protocol": "TCP"}], "endpoints": [{"addresses": ["10.200.0.2"]}]}
        """
    }

    /// A headless export whose only endpoint is not ready.
    static func headlessNothingReady(_ name: String) -> String {
        """
        {"namespace": "default", "name": "\(name)", "type": "headless",
         "ports": [{"name": "http", "port": 80, "protocol": "TCP"}], "endpoints": [{"addresses": ["10.200.0.1"], "ready": false}]}
        """
    }

    static func snapshot(generation: Int, _ exports: String...) -> String {
        #"{"generation": \#(generation), "exports": [\#(exports.joined(separator: ","))]}"#
    }

    /// The `conflicts` of a push response as `namespace/name type→winningType@winningCluster`.
    static func conflicts(_ response: APIClient.Response) -> [String] {
        (response.json["conflicts"] as? [[String: Any]] ?? []).map {
            "\($0["namespace"] ?? "")/\($0["name"] ?? "") \($0["type"] ?? "")→\($0["winningType"] ?? "")@\($0["winningCluster"] ?? "")"
        }
    }

    /// A `gnsd serve` of the real binary with `configuration` (YAML), the shipped zones and a data
    /// folder in `directory`, on free loopback ports.
    struct Server {
        let process: GNSDProcess
        let apiPort: Int
        let dnsPort: Int

        init(configuration: String, in directory: TemporaryDirectory) throws {
            try directory.write("gnsd.yaml", configuration)
            apiPort = try FreePort.find()
            dnsPort = try FreePort.find()
            process = try GNSDProcess(
                [
                    "--config", "\(directory.path)/gnsd.yaml", "--zones", ServedZones.shipped, "--data", "\(directory.path)/data",
                    "--dns-listen", "127.0.0.1:\(dnsPort)", "--api-listen", "127.0.0.1:\(apiPort)",
                ],
                log: "\(directory.path)/gnsd.log")
        }

        /// True once `/healthz` answers, within 20 s; false when gnsd ended or did not answer.
        func answers() async throws -> Bool {
            let answered = try await eventuallyValue(within: .seconds(20), every: .milliseconds(250)) { () -> Bool? in
                guard process.exitStatus == nil else { return false }
                return (try? await APIClient(port: apiPort).send("GET", "/healthz"))?.status == 200 ? true : nil
            }
            return answered ?? false
        }

        func dig(_ name: String) async throws -> DNSLookup {
            try await DNSLookup.query(.dig, port: dnsPort, name, "A")
        }
    }

    /// `aaa` exports `default/catalog` headless with nothing ready after `bbb` exported it as
    /// clusterSetIP with a ready endpoint: bbb's service IP is answered, before and after aaa
    /// goes stale. For `default/orders` aaa's headless export is the older one: NXDOMAIN while
    /// aaa is live (KEP-1645), bbb's service IP once aaa's lease lapses.
    @Test(.timeLimit(.minutes(1)))
    func aYoungerOrStaleExportOfTheOtherKindCannotTakeAServiceAway() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let gnsd = try Server(configuration: "leases:\n  duration: 5\n  grace: 0\n", in: directory)
        try await gnsd.process.whileRunning {
            try #require(try await gnsd.answers(), "\(gnsd.process.output)")
            let api = APIClient(port: gnsd.apiPort)

            let bbbFirst = try await api.send(
                "PUT", "/v1/clusters/bbb/snapshot", json: Self.snapshot(generation: 1, Self.clusterSetIP("catalog", ip: "10.96.0.2")))
            #expect(bbbFirst.status == 200, "\(bbbFirst)")
            let aaa = try await api.send(
                "PUT", "/v1/clusters/aaa/snapshot",
                json: Self.snapshot(generation: 1, Self.headlessNothingReady("catalog"), Self.headlessNothingReady("orders")))
            #expect(aaa.status == 200, "\(aaa)")
            #expect(Self.conflicts(aaa) == ["default/catalog headless→clusterSetIP@bbb"])
            let bbb = try await api.send(
                "PUT", "/v1/clusters/bbb/snapshot",
                json: Self.snapshot(generation: 2, Self.clusterSetIP("catalog", ip: "10.96.0.2"), Self.clusterSetIP("orders", ip: "10.96.0.3")))
            #expect(Self.conflicts(bbb) == ["default/orders clusterSetIP→headless@aaa"])

            let catalog = try await gnsd.dig(Self.catalog)
            #expect(catalog.rcode == "NOERROR" && catalog.answer == ["\(Self.catalog). 5 IN A 10.96.0.2"], "\(catalog)")
            #expect(try await gnsd.dig(Self.orders).rcode == "NXDOMAIN")
            #expect(try await api.send("GET", "/metrics").body.split(separator: "\n").contains("gnsd_export_conflicts 2.0"))

            var orders = DNSLookup(parsing: "")
            _ = try await eventually(within: .seconds(20), every: .milliseconds(300)) {
                orders = try await gnsd.dig(Self.orders)
                guard orders.answer.isEmpty else { return true }
                #expect(try await api.send("POST", "/v1/clusters/bbb/heartbeat").status == 200)
                return false
            }
            #expect(orders.rcode == "NOERROR" && orders.answer == ["\(Self.orders). 5 IN A 10.96.0.3"], "\(orders)")
            #expect(try await gnsd.dig(Self.catalog).answer == ["\(Self.catalog). 5 IN A 10.96.0.2"])
            let clusters = try await api.send("GET", "/v1/clusters").body
            #expect(clusters.contains(#""id":"aaa""#) && clusters.contains(#""lease":"stale""#), "\(clusters)")
            let explanation = try await api.send("GET", "/v1/explain?name=\(Self.orders)&type=A").body
            #expect(explanation.contains("exported as headless, but cluster bbb sets the service's kind to clusterSetIP"), "\(explanation)")
            #expect(try await Self.conflicts(api.send("POST", "/v1/clusters/bbb/heartbeat")).isEmpty)
        }
    }

    /// A state file that is not SQLite: gnsd exits at start without serving, and its log names
    /// the file and what to do, in one line.
    @Test(.timeLimit(.minutes(1)))
    func aStateFileThatCannotBeReadStopsGnsdWithOneLine() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let state = "\(directory.path)/data/gnsd.sqlite"
        try FileManager.default.createDirectory(atPath: "\(directory.path)/data", withIntermediateDirectories: true)
        try Data(repeating: 0x5A, count: 8192).write(to: URL(fileURLWithPath: state))

        let gnsd = try Server(configuration: "", in: directory)
        try await gnsd.process.whileRunning { () async throws in
            #expect(try await !gnsd.answers())
            #expect(gnsd.process.exitStatus.map { $0 != 0 } == true)
            let log = gnsd.process.output
            let lines = log.split(separator: "\n").filter { $0.contains(state) }
            #expect(lines.count == 1, "\(log)")
            #expect(lines.first?.contains("state file \(state) cannot be read (file is not a database): move it aside") == true, "\(log)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: state)) == Data(repeating: 0x5A, count: 8192))
        }
    }
}
