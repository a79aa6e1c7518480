import Foundation
import TestKit
import TestSupport
import Testing

/// What `gnsd` says as it starts or refuses to: the start-up line, the configuration it found,
/// listeners it cannot open, and bad usage, each as one line with a consistent exit status.
@Suite(.serialized)
struct StartUpTests {
    static func gnsd(_ arguments: [String], in directory: String? = nil) async throws -> ExternalCommand.Output {
        try #require(FileManager.default.isExecutableFile(atPath: GNSDBinary.path), "build gnsd first: swift build --build-tests")
        return try await ExternalCommand.run(GNSDBinary.path, arguments, in: directory)
    }

    /// Lines of `text` without their time stamps, which come first and vary.
    static func lines(_ text: String) -> [String] {
        text.split(separator: "\n").map { line in
            line.split(separator: " ", maxSplits: 1).last.map(String.init) ?? ""
        }
    }

    @Test func anUnknownCommandOrFlagIsOneLineAndStatus2() async throws {
        let unknown = try await Self.gnsd(["sreve"])
        #expect(unknown.status == 2)
        #expect(unknown.standardError == "gnsd: unknown command 'sreve'; the commands are serve, check-zones, agent, help (gnsd --help)\n")

        let flag = try await Self.gnsd(["serve", "--no-such-flag"])
        #expect(flag.status == 2)
        #expect(flag.standardError.hasPrefix("gnsd: Unknown option '--no-such-flag'"), "\(flag.standardError)")
        #expect(flag.standardError.hasSuffix(" (gnsd serve --help)\n") && Self.lines(flag.standardError).count == 1, "\(flag.standardError)")

        let missing = try await Self.gnsd(["check-zones", "--zones"])
        #expect(missing.status == 2)
        #expect(missing.standardError == "gnsd: Missing value for '--zones <DIR>' (gnsd check-zones --help)\n")
    }

    @Test func listenersThatCannotOpenStopGNSDWithOneLineNamingThem() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let dnsPort = try FreePort.find()
        let apiPort = try FreePort.find()
        try directory.write("gnsd.yaml", "log: {level: info}\n")
        let first = try GNSDProcess(
            [
                "--config", "\(directory.path)/gnsd.yaml", "--zones", ServedZones.shipped, "--data", "\(directory.path)/first",
                "--dns-listen", "127.0.0.1:\(dnsPort)", "--api-listen", "127.0.0.1:\(apiPort)",
            ],
            log: "\(directory.path)/first.log")
        try await first.whileRunning {
            try #require(try await first.waitForLog("push API listening"), "\(first.output)")

            // The second gnsd finds ./gnsd.yaml in its directory without being told.
            let dnsTaken = try await Self.gnsd(
                [
                    "serve", "--zones", ServedZones.shipped, "--data", "second", "--dns-listen", "127.0.0.1:\(dnsPort)",
                    "--api-listen", "127.0.0.1:\(try FreePort.find())",
                ], in: directory.path)
            #expect(dnsTaken.status == 1)
            let dnsLines = Self.lines(dnsTaken.standardError)
            #expect(dnsLines.first?.hasPrefix("info gnsd: config=gnsd.yaml pid=") == true, "\(dnsLines)")
            #expect(dnsLines.first?.hasSuffix(" [GNSDServer] gnsd 0.1.0 starting") == true, "\(dnsLines)")
            #expect(
                dnsLines.last == "critical gnsd: [gnsd] gnsd stopped: cannot listen for DNS over UDP on 127.0.0.1:\(dnsPort): address already in use")
            #expect(!dnsTaken.standardError.contains("listening"), "nothing listens once DNS cannot: \(dnsLines)")

            let apiTaken = try await Self.gnsd(
                [
                    "serve", "--zones", ServedZones.shipped, "--data", "third", "--dns-listen", "127.0.0.1:\(try FreePort.find())",
                    "--api-listen", "127.0.0.1:\(apiPort)", "--log-level", "notice",
                ], in: directory.path)
            #expect(apiTaken.status == 1)
            #expect(
                Self.lines(apiTaken.standardError).last
                    == "critical gnsd: [gnsd] gnsd stopped: cannot listen for the push API on 127.0.0.1:\(apiPort): address already in use")
            #expect(!apiTaken.standardError.contains("HummingbirdCore"), "\(apiTaken.standardError)")
        }
    }

    @Test(.enabled(if: !FileManager.default.fileExists(atPath: "/etc/gnsd/gnsd.yaml"), "a system configuration would be found"))
    func withoutAnyConfigurationOneLineSaysSoAndWhichZonesAreStatic() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let gnsd = try GNSDProcess(
            [
                "--zones", ServedZones.shipped, "--data", "\(directory.path)/data", "--dns-listen", "127.0.0.1:\(try FreePort.find())",
                "--api-listen", "127.0.0.1:\(try FreePort.find())",
            ],
            log: "\(directory.path)/gnsd.log")
        try await gnsd.whileRunning {
            try #require(try await gnsd.waitForLog("push API listening"), "\(gnsd.output)")
            let lines = Self.lines(gnsd.output)
            #expect(
                lines.first
                    == "info gnsd: config=none (no gnsd.yaml nor /etc/gnsd/gnsd.yaml): built-in defaults pid=\(gnsd.pid) [GNSDServer] gnsd 0.1.0 starting"
            )
            #expect(
                lines.contains(
                    "notice gnsd: static-zones=acme.local. [GNSDServer] no global namespace configured: only MCS names under the clusterset domain answer from pushed exports; the other zones are static"
                ), "\(lines)")
            #expect(
                lines.contains { $0.hasPrefix("info gnsd: clusters=0 endpoints=0 file=\(directory.path)/data/gnsd.sqlite milliseconds=") }, "\(lines)"
            )
            gnsd.send(SIGTERM)
            _ = try await eventually(within: .seconds(10), every: .milliseconds(50)) { gnsd.exitStatus != nil }
            #expect(gnsd.exitStatus == 0)
            #expect(
                Self.lines(gnsd.output).suffix(2) == [
                    "info gnsd: [GNSDServer] SIGTERM: shutting down gracefully", "info gnsd: [GNSDServer] gnsd stopped",
                ])
        }
    }

    @Test func jsonLogLinesAreEachOneObject() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let gnsd = try GNSDProcess(
            [
                "--zones", ServedZones.shipped, "--data", "\(directory.path)/data", "--dns-listen", "127.0.0.1:\(try FreePort.find())",
                "--api-listen", "127.0.0.1:\(try FreePort.find())", "--log-format", "json",
            ],
            log: "\(directory.path)/gnsd.log")
        try await gnsd.whileRunning {
            try #require(try await gnsd.waitForLog("push API listening"), "\(gnsd.output)")
            gnsd.send(SIGTERM)
            _ = try await eventually(within: .seconds(10), every: .milliseconds(50)) { gnsd.exitStatus != nil }
            let objects = try gnsd.output.split(separator: "\n").map { line in
                try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "\(line)")
            }
            #expect(objects.allSatisfy { ["time", "level", "logger", "module", "message"].allSatisfy($0.keys.contains) }, "\(gnsd.output)")
            #expect(objects.allSatisfy { $0["logger"] as? String == "gnsd" }, "\(gnsd.output)")
            let first = try #require(objects.first)
            #expect(first["message"] as? String == "gnsd 0.1.0 starting")
            #expect(first["module"] as? String == "GNSDServer")
            #expect(first["pid"] as? String == "\(gnsd.pid)")
            #expect(objects.last?["message"] as? String == "gnsd stopped")
        }
    }
}
