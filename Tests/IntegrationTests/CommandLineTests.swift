import Foundation
import TestSupport
import Testing

/// The `gnsd` executable: version, check-zones, and serve until SIGTERM.
@Suite(.serialized)
struct CommandLineTests {
    /// The `gnsd` binary built next to the test bundle (`swift build --build-tests` builds both).
    static let executable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        .appendingPathComponent("gnsd").path

    static func gnsd(_ arguments: [String]) throws -> ExternalCommand.Output {
        try #require(FileManager.default.isExecutableFile(atPath: executable), "build gnsd first: swift build --build-tests")
        return try ExternalCommand.run(executable, arguments)
    }

    @Test func versionPrints() throws {
        let output = try Self.gnsd(["--version"])
        #expect(output.status == 0)
        #expect(output.standardOutput == "0.1.0\n")
    }

    @Test func checkZonesListsTheShippedZones() throws {
        let output = try Self.gnsd(["check-zones", "--zones", ServedZones.shipped])
        #expect(output.status == 0, "\(output.standardError)")
        let lines = output.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        #expect(lines.first?.hasPrefix("acme.local. serial 2025060101, ") == true, "\(lines)")
        #expect(lines.last?.hasPrefix("clusterset.local. serial ") == true, "\(lines)")
    }

    @Test func checkZonesReportsFileAndLine() throws {
        let zones = try ServedZones.edgeCaseDirectory(extra: "broken  A  not-an-address")
        defer { zones.remove() }
        let output = try Self.gnsd(["check-zones", "--zones", zones.path])
        #expect(output.status == 1)
        #expect(output.standardError.hasPrefix("gnsd: \(zones.path)/edge.test.zone:112: "), "\(output.standardError)")
    }

    @Test func badConfigurationIsOneClearLine() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("gnsd.yaml", "dns:\n  max-udp-payload: 70000\n")
        let output = try Self.gnsd(["check-zones", "--config", "\(directory.path)/gnsd.yaml"])
        #expect(output.status == 2)
        #expect(output.standardError.hasPrefix("gnsd: \(directory.path)/gnsd.yaml:2: dns.max-udp-payload: "), "\(output.standardError)")
    }

    @Test func serveAnswersAndStopsOnSIGTERM() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.executable))
        let port = try FreePort.find()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.executable)
        process.arguments = ["serve", "--dns-listen", "127.0.0.1:\(port)", "--zones", ServedZones.shipped, "--log-level", "warning"]
        process.standardInput = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        var lookup: DNSLookup?
        for _ in 0..<40 where lookup == nil {
            try await Task.sleep(for: .milliseconds(250))
            lookup = try? DNSLookup.query(.dig, port: port, "www.acme.local", "CNAME")
        }
        #expect(lookup?.answer == ["www.acme.local. 300 IN CNAME gateway.acme.local."])
        kill(process.processIdentifier, SIGTERM)
        for _ in 0..<40 where process.isRunning {
            try await Task.sleep(for: .milliseconds(250))
        }
        #expect(!process.isRunning)
        #expect(process.terminationStatus == 0)
    }
}
