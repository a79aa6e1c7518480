import Foundation
import TestKit
import TestSupport
import Testing

/// Hostile DNS clients against the real gnsd binary: each must leave gnsd answering others,
/// within a bounded amount of memory.
@Suite(.serialized)
struct DNSAbuseTests {
    /// A DNS query for `name` and `type` with message ID `id`.
    static func query(_ name: String, type: UInt16 = 1, id: UInt16 = 0x4242) -> [UInt8] {
        var bytes: [UInt8] = [UInt8(id >> 8), UInt8(id & 0xFF), 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0]
        for label in name.split(separator: ".") {
            bytes.append(UInt8(label.utf8.count))
            bytes += Array(label.utf8)
        }
        return bytes + [0, UInt8(type >> 8), UInt8(type & 0xFF), 0, 1]
    }

    /// Runs `body` against a fresh gnsd started with `configuration`, then checks it still answers.
    static func withServer(_ configuration: String, _ body: (ServeProcess) async throws -> Void) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let server = try await ServeProcess.start(configuration: configuration, in: directory)
        try await server.whileRunning {
            try await body(server)
            #expect(server.isRunning, "gnsd stopped: \(server.output)")
            let lookup = try await DNSLookup.query(.dig, port: server.dnsPort, "acme.local", "SOA", options: ["+tcp"])
            #expect(lookup.rcode == "NOERROR")
        }
    }

    @Test func aTCPClientThatPipelinesWithoutReadingMakesGnsdHoldLittle() async throws {
        try await Self.withServer("dns:\n  udp-workers: 1\n") { server in
            let before = server.residentBytes
            let chunk = (0..<1000).flatMap { index -> [UInt8] in
                let message = Self.query("acme.local", type: 255, id: UInt16(index))
                return [0, UInt8(message.count)] + message
            }
            // Three clients in turn, each closing with its responses unread (the kernel then resets the connection).
            let peak = try await onOwnThread {
                var peak = 0
                for _ in 0..<3 {
                    let socket = try HostileSocket(port: server.dnsPort, tcp: true, receiveBuffer: 4096)
                    var pending = chunk[...]
                    let end = Date().addingTimeInterval(1.5)
                    while Date() < end {
                        let sent = socket.send(Array(pending))
                        pending = pending.dropFirst(sent)
                        if pending.isEmpty {
                            pending = chunk[...]
                        }
                        peak = max(peak, server.residentBytes)
                    }
                }
                return peak
            }
            #expect(peak - before < 48 << 20, "gnsd grew from \(before >> 20) MiB to \(peak >> 20) MiB")
        }
    }

    @Test func a1100SlowConnectionsLeaveTCPAnsweringWithinSeconds() async throws {
        HostileSocket.allowOpenFiles(4096)
        let configuration =
            "dns:\n  udp-workers: 1\n  tcp-max-connections: 1000\n  tcp-max-connections-per-client: 100000\n  tcp-message-timeout: 3\n"
        try await Self.withServer(configuration) { server in
            let slow = try await onOwnThread {
                try (0..<1100).map { _ in
                    let socket = try HostileSocket(port: server.dnsPort, tcp: true)
                    socket.send([0xFF, 0xFF, 0x00])
                    return socket
                }
            }
            let start = ContinuousClock.now
            let lookup = try await DNSLookup.query(.dig, port: server.dnsPort, "acme.local", "SOA", options: ["+tcp"])
            #expect(lookup.rcode == "NOERROR")
            #expect(ContinuousClock.now - start < .seconds(3))
            try await Task.sleep(for: .seconds(1))
            try await onOwnThread {
                for socket in slow {
                    socket.send([0x00])
                }
            }
            var open = slow.count
            _ = try await eventually(within: .seconds(10), every: .milliseconds(250)) {
                open = slow.count(where: \.isOpen)
                return open == 0
            }
            #expect(open == 0, "\(open) trickling connections still open 11 s after their first byte")
        }
    }

    @Test func namespaceNamesStayCheapAfterEveryHeartbeatOfAClusterAtItsServiceQuota() async throws {
        try await Self.withServer("dns:\n  udp-workers: 1\n") { server in
            let client = APIClient(port: server.apiPort)
            let exports = (0..<20_000).map { #"{"namespace": "default", "name": "svc-\#($0)", "type": "clusterSetIP", "ips": ["10.96.0.1"]}"# }
            let body = #"{"generation": 1, "exports": [\#(exports.joined(separator: ","))]}"#
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            try directory.write("snapshot.json", body)
            #expect(try await client.send("PUT", "/v1/clusters/aws-west/snapshot", json: "@\(directory.path)/snapshot.json").status == 200)
            let socket = try RawSocket(port: server.dnsPort, tcp: false, timeout: 2)
            // The cluster's arrival changes every answer: the first query builds the index whole.
            try socket.send(Self.query("default.svc.clusterset.local"))
            _ = try #require(try await socket.receive())
            var slowest = Duration.zero
            for round in 0..<10 {
                #expect(try await client.send("POST", "/v1/clusters/aws-west/heartbeat").status == 200)
                for (name, rcode) in [("default.svc.clusterset.local", 0), ("nosuch.svc.clusterset.local", 3)] {
                    let start = ContinuousClock.now
                    try socket.send(Self.query(name, id: UInt16(round)))
                    let response = try #require(try await socket.receive())
                    slowest = max(slowest, ContinuousClock.now - start)
                    #expect(response.count > 3 && Int(response[3] & 0x0F) == rcode)
                }
            }
            #expect(slowest < .milliseconds(100), "a namespace query took \(slowest) after a heartbeat")
        }
    }

    /// A resolver sending a /24 subnet that holds a /26 cluster network gets the answer for that
    /// network, scoped to it, so no cache hands it to the rest of the /24.
    @Test func aClientSubnetWiderThanAClusterNetworkIsAnsweredForThatNetworkWithItsScope() async throws {
        let configuration = """
            dns:
              udp-workers: 1
            clusters:
              - id: aws-west
                networks: ["10.1.0.0/26"]
              - id: gcp-east
                networks: ["10.2.0.0/16"]

            """
        try await Self.withServer(configuration) { server in
            let client = APIClient(port: server.apiPort)
            for (cluster, ip) in [("aws-west", "10.96.1.1"), ("gcp-east", "10.96.2.1")] {
                let body =
                    #"{"generation": 1, "exports": [{"namespace": "default", "name": "catalog", "type": "clusterSetIP", "ips": ["\#(ip)"], "endpoints": [{"addresses": ["10.200.0.1"]}]}]}"#
                #expect(try await client.send("PUT", "/v1/clusters/\(cluster)/snapshot", json: body).status == 200)
            }
            let lookup = try await DNSLookup.query(
                .dig, port: server.dnsPort, "catalog.default.svc.clusterset.local", "A", options: ["+subnet=10.1.0.0/24"])
            #expect(lookup.answer.first == "catalog.default.svc.clusterset.local. 5 IN A 10.96.1.1", "\(lookup)")
            #expect(lookup.raw.contains("CLIENT-SUBNET: 10.1.0.0/24/26"), "\(lookup)")
        }
    }

    @Test func aRandomNameFloodStaysWithinTheAnswerCacheBudget() async throws {
        try await Self.withServer("dns:\n  udp-workers: 1\n  answer-cache-bytes: 1048576\n") { server in
            let before = server.residentBytes
            let (answered, peak) = try await onOwnThread {
                let socket = try HostileSocket(port: server.dnsPort, tcp: false, receiveBuffer: 1 << 20)
                var answered = 0
                var peak = 0
                for batch in 0..<120 {
                    // Each name twice, so the admission filter lets it into the cache.
                    let names = (0..<250).map { "r\(batch)-\($0).acme.local" }
                    for name in names + names {
                        socket.send(Self.query(name))
                    }
                    answered += socket.drain(expecting: 500, within: 1)
                    peak = max(peak, server.residentBytes)
                }
                return (answered, peak)
            }
            #expect(answered > 57_000)
            #expect(peak - before < 8 << 20, "gnsd grew from \(before >> 20) MiB to \(peak >> 20) MiB")
        }
    }
}
