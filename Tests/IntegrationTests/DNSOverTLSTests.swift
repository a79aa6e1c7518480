import Foundation
import TestKit
import TestSupport
import Testing

/// DNS over TLS (RFC 7858) against the real binary with real clients: kdig's answers over TLS
/// equal its answers over plain TCP, on IPv4 and IPv6; queries pipelined on one connection all
/// come back; responses are padded to 468-byte blocks when the query is (RFC 8467); openssl
/// negotiates ALPN `dot`; a client speaking plain TCP to the TLS port is counted.
@Suite(.serialized)
struct DNSOverTLSTests {
    /// gnsd with DoT on `port` (IPv4 and IPv6) and the CA that signed its certificate; `dns`
    /// adds lines to the `dns:` section, `sections` whole sections after it.
    static func withServer(
        dns: String = "", sections: String = "", _ body: (ServeProcess, Int, TestCertificateAuthority) async throws -> Void
    ) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let ca = try await TestCertificateAuthority.make(in: directory, name: "ca")
        let server = try await ca.issue("server", names: ["DNS:localhost", "IP:127.0.0.1", "IP:::1"])
        let port = try FreePort.find()
        let configuration = """
            dns:
            \(dns)  tls:
                listen: ["127.0.0.1:\(port)", "[::1]:\(port)"]
                certificate: \(server.certificate)
                key: \(server.key)
            \(sections)
            """
        let gnsd = try await ServeProcess.start(configuration: configuration, in: directory)
        try await gnsd.whileRunning {
            try await body(gnsd, port, ca)
            #expect(gnsd.isRunning, "gnsd stopped: \(gnsd.output)")
        }
    }

    /// Zone transfer over TLS (XoT, RFC 9103): AXFR signed with TSIG on the DoT listener, the
    /// zone from its SOA to its SOA; without the key it is refused there too.
    @Test func transfersAZoneOverTLS() async throws {
        let secret = "c2VjcmV0LWZvci14b3QtdGVzdHMtb25seS0xMjM0NTY="
        let transfer = """
            transfer:
              keys: [{name: xot, secret: "\(secret)"}]
              allow: [{key: xot}]
            """
        try await Self.withServer(sections: transfer) { _, port, ca in
            let axfr = try await Self.kdig(Self.overTLS("127.0.0.1", port: port, ca: ca) + ["-y", "hmac-sha256:xot:\(secret)", "acme.local", "AXFR"])
            // kdig prints each message's TSIG record among the records.
            let records = axfr.split(separator: "\n").filter { !$0.hasPrefix(";") && !$0.isEmpty && !$0.contains("TSIG") }
            #expect(records.first?.contains("SOA") == true && records.last?.contains("SOA") == true, "\(axfr)")
            #expect(records.contains { $0.hasPrefix("ns1.acme.local.") && $0.contains("127.0.0.1") }, "\(axfr)")
            let unsigned = try await ExternalCommand.run("kdig", Self.overTLS("127.0.0.1", port: port, ca: ca) + ["acme.local", "AXFR"])
            #expect(unsigned.standardOutput.contains("REFUSED") || unsigned.standardError.contains("REFUSED"), "\(unsigned)")
        }
    }

    /// kdig's output for `arguments`, failing the test when kdig fails.
    static func kdig(_ arguments: [String]) async throws -> String {
        let output = try await ExternalCommand.run("kdig", arguments)
        #expect(output.status == 0, "kdig \(arguments.joined(separator: " ")): \(output.standardError)")
        return output.standardOutput
    }

    /// kdig's options for DNS over TLS to `server` on `port`, verifying gnsd's certificate against `ca`.
    static func overTLS(_ server: String, port: Int, ca: TestCertificateAuthority) -> [String] {
        ["@\(server)", "-p", "\(port)", "+tls", "+tls-ca=\(ca.certificate)", "+tls-hostname=localhost"]
    }

    @Test func answersOverTLSEqualAnswersOverTCP() async throws {
        try await Self.withServer { gnsd, port, ca in
            let questions = [["acme.local", "SOA"], ["acme.local", "NS"], ["missing.acme.local", "A"], ["clusterset.local", "SOA"]]
            for question in questions {
                let sections = ["+noall", "+answer", "+authority", "+comments"] + question
                let plain = try await Self.kdig(["@127.0.0.1", "-p", "\(gnsd.dnsPort)", "+tcp"] + sections)
                for server in ["127.0.0.1", "::1"] {
                    let encrypted = try await Self.kdig(Self.overTLS(server, port: port, ca: ca) + sections)
                    #expect(Self.withoutIDs(encrypted) == Self.withoutIDs(plain), "\(question) over TLS to \(server)")
                }
            }
        }
    }

    /// kdig's text without the lines that differ between two exchanges of one question: the
    /// header's message ID and the transport it names.
    static func withoutIDs(_ text: String) -> String {
        text.split(separator: "\n").filter { !$0.hasPrefix(";; ->>HEADER<<-") && !$0.hasPrefix(";; TLS session") && !$0.hasPrefix(";; From") }
            .joined(separator: "\n")
    }

    @Test func pipelinedQueriesOnOneConnectionAllComeBack() async throws {
        try await Self.withServer { _, port, ca in
            let output = try await ExternalCommand.run("python3", ["-c", Self.pipelined, "\(port)", ca.certificate])
            #expect(output.status == 0, "\(output.standardError)")
            #expect(output.standardOutput == "dot 1 0\ndot 2 0\ndot 3 3\n")
        }
    }

    @Test func paddedQueriesGetPaddedResponses() async throws {
        try await Self.withServer { _, port, ca in
            let padded = try await Self.kdig(Self.overTLS("127.0.0.1", port: port, ca: ca) + ["+padding", "acme.local", "SOA"])
            #expect(padded.contains("PADDING:"), "\(padded)")
            let size = Self.receivedBytes(padded)
            #expect(size.map { $0 % 468 == 0 } == true, "\(padded)")
            let plain = try await Self.kdig(Self.overTLS("127.0.0.1", port: port, ca: ca) + ["+nopadding", "acme.local", "SOA"])
            #expect(!plain.contains("PADDING"))
            #expect(Self.receivedBytes(plain).map { $0 < 468 } == true, "\(plain)")
        }
    }

    /// The size kdig reports in `;; Received N B`.
    static func receivedBytes(_ text: String) -> Int? {
        text.split(separator: "\n").first { $0.hasPrefix(";; Received ") }?.split(separator: " ").dropFirst(2).first.flatMap { Int($0) }
    }

    @Test func opensslNegotiatesDoTAndPlainTCPOnTheTLSPortIsCounted() async throws {
        try await Self.withServer { gnsd, port, ca in
            let handshake = try await ExternalCommand.run(
                "sh", ["-c", "openssl s_client -connect 127.0.0.1:\(port) -alpn dot -CAfile \(ca.certificate) -verify_return_error </dev/null"])
            #expect(handshake.standardOutput.contains("ALPN protocol: dot"), "\(handshake.standardOutput)")
            #expect(handshake.standardOutput.contains("Verify return code: 0 (ok)"))
            let wrong = try await ExternalCommand.run("kdig", ["@127.0.0.1", "-p", "\(port)", "+tcp", "+retry=0", "+time=2", "acme.local", "SOA"])
            #expect(!wrong.standardOutput.contains("status: NOERROR"))
            let metrics = try await APIClient(port: gnsd.apiPort).send("GET", "/metrics").body
            #expect(metrics.contains(#"gnsd_tls_handshake_failures_total{listener="dot",reason="not_tls"} 1"#), "\(metrics)")
            #expect(metrics.contains(#"gnsd_tls_certificate_expiry_timestamp_seconds{listener="dot",role="server",subject="CN=server"} "#))
        }
    }

    @Test func dnsOverTLSKeepsTheTCPConnectionLimits() async throws {
        try await Self.withServer(dns: "  tcp-max-connections-per-client: 2\n") { _, port, ca in
            let output = try await ExternalCommand.run("python3", ["-c", Self.thirdConnection, "\(port)", ca.certificate])
            #expect(output.status == 0, "\(output.standardError)")
            #expect(output.standardOutput == "answered answered refused\n")
        }
    }

    /// Three TLS connections from one client to 127.0.0.1:port (argv 1) trusting the CA (argv 2),
    /// each asking acme.local SOA in turn while the others stay open; prints `answered` or
    /// `refused` for each.
    static let thirdConnection = #"""
        import socket, ssl, struct, sys
        port, ca = int(sys.argv[1]), sys.argv[2]
        context = ssl.create_default_context(cafile=ca)
        message = struct.pack(">HHHHHH", 7, 0x0100, 1, 0, 0, 0) + b"\x04acme\x05local\x00" + struct.pack(">HH", 6, 1)
        held, results = [], []
        for _ in range(3):
            try:
                tls = context.wrap_socket(socket.create_connection(("127.0.0.1", port), timeout=5), server_hostname="localhost")
                tls.sendall(struct.pack(">H", len(message)) + message)
                results.append("answered" if len(tls.recv(2)) == 2 else "refused")
                held.append(tls)
            except (OSError, ssl.SSLError):
                results.append("refused")
        print(" ".join(results))
        """#

    /// Three queries (acme.local SOA, acme.local NS, missing.acme.local A) written at once on one
    /// TLS connection to 127.0.0.1:port (argv 1) trusting the CA (argv 2); prints the ALPN
    /// protocol, each response's ID and rcode, in the order they come.
    static let pipelined = #"""
        import socket, ssl, struct, sys
        port, ca = int(sys.argv[1]), sys.argv[2]
        def query(id, name, qtype):
            labels = b"".join(bytes([len(part)]) + part.encode() for part in name.split(".")) + b"\0"
            message = struct.pack(">HHHHHH", id, 0x0100, 1, 0, 0, 0) + labels + struct.pack(">HH", qtype, 1)
            return struct.pack(">H", len(message)) + message
        context = ssl.create_default_context(cafile=ca)
        context.set_alpn_protocols(["dot"])
        with socket.create_connection(("127.0.0.1", port), timeout=10) as raw:
            with context.wrap_socket(raw, server_hostname="localhost") as tls:
                tls.sendall(query(1, "acme.local", 6) + query(2, "acme.local", 2) + query(3, "missing.acme.local", 1))
                def read(count):
                    data = b""
                    while len(data) < count:
                        chunk = tls.recv(count - len(data))
                        if not chunk:
                            raise SystemExit("connection closed")
                        data += chunk
                    return data
                for _ in range(3):
                    length, = struct.unpack(">H", read(2))
                    response = read(length)
                    id, flags = struct.unpack(">HH", response[:4])
                    print(tls.selected_alpn_protocol(), id, flags & 0xF)
        """#
}
