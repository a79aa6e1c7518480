import Foundation
import GNSDServer
import Synchronization
import TestKit
import TestSupport
import Testing

/// Knot, NSD and BIND from Debian, each configured with its snippet from deploy/secondaries/,
/// as secondaries of gnsd with TSIG: the first transfer, a push reaching the secondary by NOTIFY
/// and IXFR within 2 s, a readiness change, a transfer without the key refused, and the
/// secondary answering every service name as gnsd answers a client outside every cluster network.
@Suite(.serialized)
struct ZoneTransferTests {
    static let keyName = "gnsd-transfer"

    static func configure(_ configuration: inout Configuration, dnsPort: Int, secondaryPort: Int, secret: String) {
        configuration.dns.listen = [try! ListenAddress(parsing: "127.0.0.1:\(dnsPort)")]
        configuration.globalNamespaces = [
            GlobalNamespaceSettings(name: "acme", domain: "acme.local.", ttl: 5, members: [.init(namespace: "default")])
        ]
        var key = TSIGKeySettings()
        key.name = keyName
        key.secret = Array(Data(base64Encoded: secret)!)
        var allow = TransferAllowSettings()
        allow.key = keyName
        var notify = NotifySettings()
        notify.address = try! ListenAddress(parsing: "127.0.0.1:\(secondaryPort)")
        notify.key = keyName
        configuration.transfer.keys = [key]
        configuration.transfer.allow = [allow]
        configuration.transfer.notify = [notify]
        configuration.transfer.notifyIntervalMilliseconds = 100
    }

    /// aws-west and gcp-east export catalog (two endpoints each) and
    /// the headless db with hostnames, at `generation`; `catalogReady` sets gcp-east's catalog
    /// endpoints' readiness.
    static func push(_ api: APIClient, generation: Int, extra: String = "", catalogReady: Bool = true) async throws {
        for (cluster, octet) in [("aws-west", 1), ("gcp-east", 2)] {
            let ready = cluster == "gcp-east" ? catalogReady : true
            let body = """
                {"generation": \(generation), "exports": [
                  {"namespace": "default", "name": "catalog", "type": "clusterSetIP", "ips": ["10.96.\(octet).1"],
                   "ports": [{"name": "http", "port": 80, "protocol": "TCP"}],
                   "endpoints": [{"addresses": ["10.\(octet).0.1"], "ready": \(ready)}, {"addresses": ["10.\(octet).0.2"], "ready": \(ready)}]},
                  {"namespace": "default", "name": "db", "type": "headless", "ports": [{"name": "pg", "port": 5432, "protocol": "TCP"}],
                   "endpoints": [{"addresses": ["10.\(octet).1.1"], "hostname": "db-0", "ready": true},
                                 {"addresses": ["10.\(octet).1.2", "fd00:\(octet)::2"], "hostname": "db-1", "ready": true}]}\(extra)]}
                """
            let response = try await api.send("PUT", "/v1/clusters/\(cluster)/snapshot", json: body)
            #expect(response.status == 200, "\(response)")
        }
    }

    /// Every service name gnsd's zones hold, with its type, as gnsd transfers them: the
    /// synthesised records (TTL 5), not the zone files' (whose TTLs are longer).
    static func serviceNames(port: Int, secret: String) async throws -> [(String, String)] {
        var names: [(String, String)] = []
        for zone in ["clusterset.local", "acme.local"] {
            let axfr = try await ExternalCommand.run(
                "dig", ["@127.0.0.1", "-p", "\(port)", zone, "AXFR", "+nocmd", "+nostats", "-y", "hmac-sha256:\(keyName):\(secret)"])
            for line in axfr.standardOutput.split(separator: "\n") where !line.hasPrefix(";") {
                let fields = line.split(whereSeparator: \.isWhitespace).map(String.init)
                guard fields.count > 4, fields[1] == "5", !names.contains(where: { $0 == (fields[0], fields[3]) }) else { continue }
                names.append((fields[0], fields[3]))
            }
        }
        return names
    }

    /// The answer records of `name` `type` at `port`, ordered.
    static func answers(port: Int, _ name: String, _ type: String) async throws -> [String] {
        try await DNSLookup.query(.dig, port: port, name, type, options: ["+norec"]).answer.sorted()
    }

    /// gnsd's serial for `zone`, as a secondary asks it.
    static func serial(port: Int, _ zone: String) async throws -> UInt32 {
        let soa = try await DNSLookup.query(.dig, port: port, zone, "SOA").answer.first ?? ""
        return UInt32(soa.split(separator: " ", omittingEmptySubsequences: true).dropFirst(6).first.map(String.init) ?? "") ?? 0
    }

    @Test(arguments: SecondaryKind.allCases)
    func aSecondaryFollowsGnsdByNotifyAndIXFR(_ kind: SecondaryKind) async throws {
        let secret = Secondary.makeSecret()
        let dnsPort = try FreePort.find()
        let secondaryPort = try FreePort.find()
        try await withServer(
            zones: ServedZones.shipped, adjust: { Self.configure(&$0, dnsPort: dnsPort, secondaryPort: secondaryPort, secret: secret) }
        ) {
            server in
            let api = APIClient(port: server.apiPort)
            try await Self.push(api, generation: 1)
            try await Secondary.with(kind, primaryPort: dnsPort, secret: secret, port: secondaryPort) { secondary in
                for zone in ["clusterset.local", "acme.local"] {
                    let serial = try await Self.serial(port: dnsPort, zone)
                    #expect(try await secondary.waitForSerial(of: zone, atLeast: serial, within: .seconds(10)), "\(zone): \(secondary.log)")
                }
                let names = try await Self.serviceNames(port: dnsPort, secret: secret)
                #expect(names.count == 20, "\(names)")
                for (name, type) in names {
                    #expect(try await Self.answers(port: secondary.port, name, type) == Self.answers(port: dnsPort, name, type), "\(name) \(type)")
                }

                // A new service: NOTIFY, IXFR, answered at the secondary within 2 s.
                let orders =
                    #", {"namespace": "default", "name": "orders", "type": "clusterSetIP", "ips": ["10.96.9.9"], "ports": [], "endpoints": [{"addresses": ["10.9.0.1"], "ready": true}]}"#
                try await Self.push(api, generation: 2, extra: orders)
                let start = ContinuousClock.now
                let arrived = try await eventually(within: .seconds(2), every: .milliseconds(20)) {
                    try await Self.answers(port: secondary.port, "orders.default.svc.clusterset.local", "A") == [
                        "orders.default.svc.clusterset.local. 5 IN A 10.96.9.9"
                    ]
                }
                #expect(arrived, "not at the secondary after \(ContinuousClock.now - start): \(secondary.log)")

                // gcp-east's catalog endpoints turn unready: its service IP leaves the answers.
                try await Self.push(api, generation: 3, extra: orders, catalogReady: false)
                let withdrawn = try await eventually(within: .seconds(2), every: .milliseconds(20)) {
                    try await Self.answers(port: secondary.port, "catalog.default.svc.clusterset.local", "A") == [
                        "catalog.default.svc.clusterset.local. 5 IN A 10.96.1.1"
                    ]
                }
                #expect(withdrawn, "\(secondary.log)")
                let metrics = String(decoding: server.application.metrics.exposition(table: server.application.table.snapshot), as: UTF8.self)
                #expect(metrics.contains(#"outcome="incremental""#), "no IXFR answered with differences:\n\(metrics)")
                #expect(metrics.contains(#"event="acknowledged""#))
            }

            // Without the key, gnsd refuses the transfer.
            let unsigned = try await ExternalCommand.run(
                "dig", ["@127.0.0.1", "-p", "\(dnsPort)", "clusterset.local", "AXFR", "+tries=1", "+time=3"])
            #expect(unsigned.standardOutput.contains("Transfer failed."), "\(unsigned.standardOutput)")
        }
    }

    /// A journal that keeps nothing (`journal-records: 0`) answers every IXFR with the whole
    /// zone, which each secondary takes as well.
    @Test(arguments: SecondaryKind.allCases)
    func aSecondaryBeyondTheJournalGetsTheWholeZone(_ kind: SecondaryKind) async throws {
        let secret = Secondary.makeSecret()
        let dnsPort = try FreePort.find()
        let secondaryPort = try FreePort.find()
        let adjust = { (configuration: inout Configuration) in
            Self.configure(&configuration, dnsPort: dnsPort, secondaryPort: secondaryPort, secret: secret)
            configuration.transfer.journalRecords = 0
        }
        try await withServer(zones: ServedZones.shipped, adjust: adjust) { server in
            let api = APIClient(port: server.apiPort)
            try await Self.push(api, generation: 1)
            try await Secondary.with(kind, primaryPort: dnsPort, secret: secret, port: secondaryPort) { secondary in
                let first = try await Self.serial(port: dnsPort, "clusterset.local")
                #expect(try await secondary.waitForSerial(of: "clusterset.local", atLeast: first, within: .seconds(10)), "\(secondary.log)")
                try await Self.push(api, generation: 2, catalogReady: false)
                let second = try await Self.serial(port: dnsPort, "clusterset.local")
                #expect(try await secondary.waitForSerial(of: "clusterset.local", atLeast: second, within: .seconds(2)), "\(secondary.log)")
                #expect(try await Self.answers(port: secondary.port, "catalog.default.svc.clusterset.local", "A").count == 1)
                let metrics = String(decoding: server.application.metrics.exposition(table: server.application.table.snapshot), as: UTF8.self)
                #expect(!metrics.contains(#"outcome="incremental""#), "\(metrics)")
            }
        }
    }

    /// gnsd restarted on its state: the serial goes on rising, the secondary keeps answering
    /// while gnsd is down, and follows the restarted gnsd.
    @Test(arguments: SecondaryKind.allCases)
    func serialsKeepRisingAcrossARestart(_ kind: SecondaryKind) async throws {
        let secret = Secondary.makeSecret()
        let dnsPort = try FreePort.find()
        let secondaryPort = try FreePort.find()
        let data = try TemporaryDirectory()
        defer { data.remove() }
        let adjust = { (configuration: inout Configuration) in
            Self.configure(&configuration, dnsPort: dnsPort, secondaryPort: secondaryPort, secret: secret)
            configuration.data.directory = data.path
        }
        // The secondary starts once gnsd answers, as in service (a secondary whose first transfer
        // failed waits its own retry time, BIND's long), and outlives the first gnsd.
        let started = Mutex<Secondary?>(nil)
        try await withCleanup {
            let before = try await withServer(zones: ServedZones.shipped, adjust: adjust) { server in
                try await Self.push(APIClient(port: server.apiPort), generation: 1)
                let serial = try await Self.serial(port: dnsPort, "clusterset.local")
                let secondary = try await Secondary.start(kind, primaryPort: dnsPort, secret: secret, port: secondaryPort)
                started.withLock { $0 = secondary }
                #expect(try await secondary.waitForSerial(of: "clusterset.local", atLeast: serial, within: .seconds(10)), "\(secondary.log)")
                return serial
            }
            let secondary = try #require(started.withLock { $0 })
            let host = "db-0.aws-west.db.default.svc.clusterset.local"
            #expect(try await Self.answers(port: secondary.port, host, "A") == ["\(host). 5 IN A 10.1.1.1"], "while gnsd is down")
            try await withServer(zones: ServedZones.shipped, adjust: adjust) { _ in
                let after = try await Self.serial(port: dnsPort, "clusterset.local")
                #expect(Secondary.serial(after, isAtLeast: before &+ 1), "serial went from \(before) to \(after)")
                #expect(try await secondary.waitForSerial(of: "clusterset.local", atLeast: after, within: .seconds(5)), "\(secondary.log)")
                #expect(try await Self.answers(port: secondary.port, host, "A") == ["\(host). 5 IN A 10.1.1.1"])
            }
        } cleanup: {
            await started.withLock { $0 }?.stop()
        }
    }

    /// A zone larger than one message: every message signed, each signature covering the one
    /// before (RFC 8945 §5.3.1), as dig checks them; and an IXFR of one change as dig shows it:
    /// an endpoint leaving takes its address from the service name and its own name.
    @Test func aLargeZoneTravelsInSignedMessagesAndAChangeAsADifference() async throws {
        let secret = Secondary.makeSecret()
        let dnsPort = try FreePort.find()
        let adjust = { (configuration: inout Configuration) in
            Self.configure(&configuration, dnsPort: dnsPort, secondaryPort: try! FreePort.find(), secret: secret)
        }
        try await withServer(zones: ServedZones.shipped, adjust: adjust) { server in
            let api = APIClient(port: server.apiPort)
            // Two clusters of 2,500 endpoints each: one body of 5,000 would not fit curl's argument.
            func body(_ cluster: Int, generation: Int, count: Int = 2500) -> String {
                let endpoints = (1...count).map { #"{"addresses": ["fd00:7\#(cluster)::\#(String($0, radix: 16))"], "ready": true}"# }
                return
                    #"{"generation": \#(generation), "exports": [{"namespace": "default", "name": "big", "type": "headless", "ports": [], "endpoints": ["#
                    + endpoints.joined(separator: ", ") + "]}]}"
            }
            #expect(try await api.send("PUT", "/v1/clusters/aws-west/snapshot", json: body(1, generation: 1)).status == 200)
            #expect(try await api.send("PUT", "/v1/clusters/gcp-east/snapshot", json: body(2, generation: 1)).status == 200)
            let key = ["-y", "hmac-sha256:\(Self.keyName):\(secret)"]
            let axfr = try await ExternalCommand.run("dig", ["@127.0.0.1", "-p", "\(dnsPort)", "clusterset.local", "AXFR"] + key)
            #expect(!axfr.standardOutput.contains("Transfer failed") && !axfr.standardOutput.contains("tsig"), "\(axfr.standardOutput.suffix(2000))")
            #expect(axfr.standardOutput.split(separator: "\n").count { $0.hasPrefix("big.default.svc.clusterset.local.") } == 5000)
            let size = axfr.standardOutput.split(separator: "\n").first { $0.hasPrefix(";; XFR size:") } ?? ""
            let messages = Int(size.split(separator: "messages ").last?.prefix { $0.isNumber } ?? "") ?? 0
            #expect(messages >= 3, "\(size)")

            let before = try await Self.serial(port: dnsPort, "clusterset.local")
            #expect(try await api.send("PUT", "/v1/clusters/gcp-east/snapshot", json: body(2, generation: 2, count: 2499)).status == 200)
            let after = try await Self.serial(port: dnsPort, "clusterset.local")
            let ixfr = try await ExternalCommand.run(
                "dig", ["@127.0.0.1", "-p", "\(dnsPort)", "clusterset.local", "IXFR=\(before)", "+onesoa", "+nocmd", "+nostats"] + key)
            let records = ixfr.standardOutput.split(separator: "\n").filter { !$0.hasPrefix(";") && !$0.isEmpty && !$0.contains("TSIG") }
                .map { $0.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
            // The address leaves the service name and its own system-assigned name.
            #expect(records.count == 6, "\(ixfr.standardOutput)")
            #expect(records.filter { $0.contains("SOA") }.map { $0.split(separator: " ")[6] } == ["\(after)", "\(before)", "\(after)", "\(after)"])
            #expect(records.contains("big.default.svc.clusterset.local. 5 IN AAAA fd00:72::9c4"), "\(records)")
            #expect(records.contains("fd00-72--9c4.gcp-east.big.default.svc.clusterset.local. 5 IN AAAA fd00:72::9c4"), "\(records)")
        }
    }
}
