import Foundation
import TestKit
import TestSupport
import Testing

/// The `gnsd` executable: version, check-zones, and serve until SIGTERM.
@Suite(.serialized)
struct CommandLineTests {
    static func gnsd(_ arguments: [String]) async throws -> ExternalCommand.Output {
        try #require(FileManager.default.isExecutableFile(atPath: GNSDBinary.path), "build gnsd first: swift build --build-tests")
        return try await ExternalCommand.run(GNSDBinary.path, arguments)
    }

    @Test func versionPrints() async throws {
        let output = try await Self.gnsd(["--version"])
        #expect(output.status == 0)
        #expect(output.standardOutput == "0.1.0\n")
    }

    @Test func checkZonesListsTheShippedZones() async throws {
        let output = try await Self.gnsd(["check-zones", "--zones", ServedZones.shipped])
        #expect(output.status == 0, "\(output.standardError)")
        let lines = output.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        #expect(lines.first?.hasPrefix("acme.local. serial 2025060101, ") == true, "\(lines)")
        #expect(lines.last?.hasPrefix("clusterset.local. serial ") == true, "\(lines)")
    }

    @Test func checkZonesReportsFileAndLine() async throws {
        let zones = try ServedZones.edgeCaseDirectory(extra: "broken  A  not-an-address")
        defer { zones.remove() }
        let output = try await Self.gnsd(["check-zones", "--zones", zones.path])
        #expect(output.status == 1)
        #expect(output.standardError.hasPrefix("gnsd: \(zones.path)/edge.test.zone:112: "), "\(output.standardError)")
    }

    @Test func checkZonesRefusesAGlobalNamespaceWithoutZone() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("gnsd.yaml", "global-namespaces:\n  - {name: beta, domain: beta.local, members: [{namespace: default}]}\n")
        let output = try await Self.gnsd(["check-zones", "--config", "\(directory.path)/gnsd.yaml", "--zones", ServedZones.shipped])
        #expect(output.status == 1)
        #expect(output.standardError == "gnsd: \(ServedZones.shipped): no zone file for the global namespace domain beta.local.\n")
    }

    @Test func serveRefusesPlainHTTPBeyondLoopbackAndUnreadableCertificates() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let hash = String(repeating: "ab", count: 32)
        try directory.write("plain.yaml", "api:\n  listen: 0.0.0.0:0\n  admin-token-sha256: \(hash)\n")
        try directory.write("tls.yaml", "api:\n  tls: {certificate: \(directory.path)/none.crt, key: \(directory.path)/none.key}\n")
        let common = ["--zones", ServedZones.shipped, "--data", "\(directory.path)/data", "--dns-listen", "127.0.0.1:0"]
        let plain = try await Self.gnsd(["serve", "--config", "\(directory.path)/plain.yaml"] + common)
        #expect(plain.status == 2)
        #expect(
            plain.standardError.hasSuffix(
                "api.listen: 0.0.0.0:0 is beyond loopback; configure api.tls (certificate and key), or set api.allow-plaintext: true if a TLS proxy in front encrypts the traffic\n"
            ), "\(plain.standardError)")
        let tls = try await Self.gnsd(["serve", "--config", "\(directory.path)/tls.yaml", "--api-listen", "127.0.0.1:0"] + common)
        #expect(tls.status != 0)
        #expect(tls.standardError.contains("\(directory.path)/none.crt: cannot read: no such file or directory"), "\(tls.standardError)")
    }

    @Test func badConfigurationIsOneClearLine() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("gnsd.yaml", "dns:\n  max-udp-payload: 70000\n")
        let output = try await Self.gnsd(["check-zones", "--config", "\(directory.path)/gnsd.yaml"])
        #expect(output.status == 2)
        #expect(output.standardError.hasPrefix("gnsd: \(directory.path)/gnsd.yaml:2: dns.max-udp-payload: "), "\(output.standardError)")
    }

    @Test func serveAnswersReloadsOnSIGHUPAndStopsOnSIGTERM() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: GNSDBinary.path))
        let zones = try ServedZones.edgeCaseDirectory()
        defer { zones.remove() }
        let configuration = try TemporaryDirectory()
        defer { configuration.remove() }
        try configuration.write("gnsd.yaml", "zones:\n  reload-interval: 0  # SIGHUP only\n")
        let port = try FreePort.find()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: GNSDBinary.path)
        process.arguments = [
            "serve", "--config", "\(configuration.path)/gnsd.yaml", "--dns-listen", "127.0.0.1:\(port)",
            "--zones", zones.path, "--data", "\(configuration.path)/data", "--api-listen", "127.0.0.1:0", "--log-level", "warning",
        ]
        process.standardInput = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        let first = try await eventuallyValue(within: .seconds(10), every: .milliseconds(250)) {
            try? await DNSLookup.query(.dig, port: port, "host.edge.test", "A")
        }
        #expect(first?.answer == ["host.edge.test. 20 IN A 192.0.2.1"])

        try zones.write("edge.test.zone", ServedZones.edgeCaseZone(serial: 2, extra: "added A 192.0.2.200"))
        kill(process.processIdentifier, SIGHUP)
        let added = try await eventuallyValue(within: .seconds(10), every: .milliseconds(250)) {
            (try? await DNSLookup.query(.dig, port: port, "added.edge.test", "A")).flatMap { $0.answer.isEmpty ? nil : $0 }
        }
        #expect(added?.answer == ["added.edge.test. 600 IN A 192.0.2.200"])

        kill(process.processIdentifier, SIGTERM)
        _ = try await eventually(within: .seconds(10), every: .milliseconds(250)) { !process.isRunning }
        #expect(!process.isRunning)
        #expect(process.terminationStatus == 0)
    }
}
