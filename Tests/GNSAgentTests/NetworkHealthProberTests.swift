import EndpointTable
import TestKit
import TestSupport
import Testing

@testable import GNSAgent

/// Real checks against loopback: TCP open and refused, HTTP status, and the timeout bound.
@Suite(.serialized)
struct NetworkHealthProberTests {
    static let loopback = IPAddress("127.0.0.1")!
    let prober = NetworkHealthProber()

    @Test func tcpPassesWhileThePortListens() async throws {
        let listener = try await TCPListener.start()
        let check = HealthCheck(kind: .tcp, port: UInt16(listener.port), timeout: .seconds(1))
        #expect(await prober.probe(check, address: Self.loopback))
        await listener.close()
        #expect(await !prober.probe(check, address: Self.loopback))
    }

    @Test func httpPassesOnSuccessAndFailsOnErrorStatus() async throws {
        let zones = try TemporaryDirectory()
        defer { zones.remove() }
        try zones.write("probe.test.zone", "$ORIGIN probe.test.\n@ 3600 IN SOA ns1 hostmaster 1 3600 600 86400 60\n@ NS ns1\nns1 A 127.0.0.1\n")
        let server = try await RunningServer.start(zones: zones.path)
        let healthz = HealthCheck(kind: .http, port: UInt16(server.apiPort), path: "/healthz", timeout: .seconds(1))
        let missing = HealthCheck(kind: .http, port: UInt16(server.apiPort), path: "/no-such-page", timeout: .seconds(1))
        let passed = await prober.probe(healthz, address: Self.loopback)
        let failed = await prober.probe(missing, address: Self.loopback)
        await server.stop()
        #expect(passed)
        #expect(!failed)
    }

    @Test(arguments: [HealthCheck.Kind.http, .tcp])
    func aCheckEndsAtItsTimeout(kind: HealthCheck.Kind) async throws {
        let silent = try await TCPListener.start(answering: false)
        let check = HealthCheck(kind: kind, port: UInt16(silent.port), timeout: .milliseconds(300))
        let clock = ContinuousClock()
        let started = clock.now
        let passed = await prober.probe(check, address: Self.loopback)
        let took = clock.now - started
        await silent.close()
        #expect(passed == (kind == .tcp), "a silent server passes a TCP check and fails an HTTP one")
        #expect(took < .seconds(2))
        if kind == .http { #expect(took >= .milliseconds(300)) }
    }
}
