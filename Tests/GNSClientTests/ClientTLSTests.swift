import Testing

@testable import GNSClient

/// What the client refuses before sending anything: tokens in clear text beyond loopback, TLS
/// files it cannot use.
struct ClientTLSTests {
    @Test(arguments: [
        ("127.0.0.1", true), ("127.8.9.10", true), ("localhost", true), ("LocalHost", true), ("::1", true), ("[::1]", true),
        ("10.0.0.1", false), ("128.0.0.1", false), ("127.0.0", false), ("127.0.0.256", false), ("gnsd.acme.example", false), ("::2", false),
    ])
    func loopbackHosts(host: String, isLoopback: Bool) {
        #expect(GNSClient.isLoopback(host) == isLoopback)
    }

    @Test func aTokenCrossesTheNetworkInClearTextOnlyWhenAllowed() async throws {
        #expect(throws: GNSClientError.plaintextToken(server: "http://10.0.0.5:8053")) {
            try GNSClient(server: "http://10.0.0.5:8053/", token: "secret")
        }
        for client in [
            try GNSClient(server: "http://10.0.0.5:8053", token: "secret", allowsPlaintextToken: true),
            try GNSClient(server: "http://127.0.0.1:8053", token: "secret"),
            try GNSClient(server: "http://10.0.0.5:8053"),
            try GNSClient(server: "https://10.0.0.5:8053", token: "secret"),
        ] {
            await client.shutdown()
        }
    }

    @Test func tlsFilesThatCannotBeUsedAreRefused() {
        let cases: [(String, ClientTLS, String)] = [
            ("http://127.0.0.1:8053", ClientTLS(caFile: "/etc/gnsd/ca.crt"), "TLS: TLS files are given but http://127.0.0.1:8053 is http://"),
            (
                "https://127.0.0.1:8053", ClientTLS(certificate: "/etc/gnsd/west.crt"),
                "TLS: a client certificate and its key go together: give both or neither"
            ),
            (
                "https://127.0.0.1:8053", ClientTLS(caFile: "/nonexistent/ca.crt"),
                "TLS: /nonexistent/ca.crt: holds no PEM certificate, or cannot be read"
            ),
        ]
        for (server, tls, message) in cases {
            let error = #expect(throws: GNSClientError.self) { try GNSClient(server: server, tls: tls) }
            #expect(error?.description == message)
        }
    }
}
