import Foundation
import TestKit
import TestSupport
import Testing

/// Query logs that the ecosystem's own tools read: the gnsd binary writes dnstap to a file and to
/// `fstrm_capture`'s socket, and Debian's `dnstap-ldns` reads back each query and response with
/// the transport, client and question; the sampled text log writes one line per query.
@Suite(.serialized)
struct DnstapCaptureTests {
    /// `dnstap-ldns` lines without their date and time, sizes as `Nb`.
    static func readBack(_ file: String) async throws -> [String] {
        let output = try await ExternalCommand.run("dnstap-ldns", ["-r", file])
        try #require(output.status == 0, "\(output.standardError)")
        return output.standardOutput.split(separator: "\n").map { line in
            line.split(separator: " ").dropFirst(2).map { $0.wholeMatch(of: /[0-9]+b/) == nil ? String($0) : "Nb" }.joined(separator: " ")
        }
    }

    @Test func fileCaptureAndTextLog() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let tap = directory.path + "/tap.fstrm"
        let gnsd = try await ServeProcess.start(
            configuration: "query-log:\n  dnstap-file: \(tap)\n  dnstap-identity: ns-test\n  text-sample-every: 1\n", in: directory)
        try await gnsd.whileRunning {
            _ = try await DNSLookup.query(.dig, port: gnsd.dnsPort, "www.acme.local", "A")
            _ = try await DNSLookup.query(.dig, port: gnsd.dnsPort, "acme.local", "SOA", options: ["+tcp"])
            _ = try await DNSLookup.query(.dig, port: gnsd.dnsPort, "missing.acme.local", "AAAA")
            let counted = try await eventually(within: .seconds(10), every: .milliseconds(100)) {
                try await APIClient(port: gnsd.apiPort).send("GET", "/metrics").body.contains(#"gnsd_query_log_frames_total{result="written"} 6"#)
            }
            #expect(counted, "six frames written, counted in /metrics")
        }
        #expect(
            try await Self.readBack(tap) == [
                #"AQ 127.0.0.1 UDP Nb "www.acme.local." IN A"#, #"AR 127.0.0.1 UDP Nb "www.acme.local." IN A"#,
                #"AQ 127.0.0.1 TCP Nb "acme.local." IN SOA"#, #"AR 127.0.0.1 TCP Nb "acme.local." IN SOA"#,
                #"AQ 127.0.0.1 UDP Nb "missing.acme.local." IN AAAA"#, #"AR 127.0.0.1 UDP Nb "missing.acme.local." IN AAAA"#,
            ])
        let yaml = try await ExternalCommand.run("dnstap-ldns", ["-y", "-r", tap]).standardOutput
        #expect(yaml.contains(#"identity: "ns-test""#))
        #expect(yaml.contains(#"version: "gnsd "#))
        #expect(yaml.contains("rcode: NXDOMAIN"))
        let queryLines = gnsd.output.split(separator: "\n").filter { $0.hasSuffix("[QueryLog] query") }
        #expect(queryLines.count == 3, "\(gnsd.output)")
        #expect(queryLines.first?.contains("name=www.acme.local. proto=udp rcode=NOERROR type=A") == true, "\(queryLines)")
        #expect(queryLines.last?.contains("answers=0") == true)
        #expect(queryLines.last?.contains("rcode=NXDOMAIN") == true)
    }

    @Test func collectorSocketWithReconnect() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let socket = directory.path + "/tap.sock"
        let captured = directory.path + "/captured.fstrm"
        let gnsd = try await ServeProcess.start(configuration: "query-log:\n  dnstap-socket: \(socket)\n", in: directory)
        try await gnsd.whileRunning {
            _ = try await DNSLookup.query(.dig, port: gnsd.dnsPort, "lost.acme.local", "A")
            let collector = try SpawnedProcess(
                [try LoopbackDaemon.executable("fstrm_capture"), "-t", "protobuf:dnstap.Dnstap", "-u", socket, "-w", captured],
                log: directory.path + "/capture.log")
            try await withCleanup {
                let listening = try await eventually(within: .seconds(10), every: .milliseconds(100)) {
                    FileManager.default.fileExists(atPath: socket)
                }
                try #require(listening)
                // gnsd tries the socket again at most once a second, when it has frames to write.
                try await Task.sleep(for: .milliseconds(1100))
                _ = try await DNSLookup.query(.dig, port: gnsd.dnsPort, "www.acme.local", "A")
                _ = try await DNSLookup.query(.dig, port: gnsd.dnsPort, "www.acme.local", "TXT", options: ["+tcp"])
                // gnsd's writer sends what it has within a second of a quiet moment.
                try await Task.sleep(for: .milliseconds(1500))
            } cleanup: {
                _ = await collector.terminate()
            }
        }
        #expect(gnsd.output.contains("dnstap socket \(socket) unavailable"), "the query before the collector came was dropped, with one warning")
        #expect(
            try await Self.readBack(captured) == [
                #"AQ 127.0.0.1 UDP Nb "www.acme.local." IN A"#, #"AR 127.0.0.1 UDP Nb "www.acme.local." IN A"#,
                #"AQ 127.0.0.1 TCP Nb "www.acme.local." IN TXT"#, #"AR 127.0.0.1 TCP Nb "www.acme.local." IN TXT"#,
            ])
    }
}
