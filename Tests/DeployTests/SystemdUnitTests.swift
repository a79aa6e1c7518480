import TestKit
import TestSupport
import Testing

extension DeployTests {
    /// deploy/systemd: both units pass `systemd-analyze verify` with ExecStart pointed at the built
    /// gnsd, and `systemd-analyze security` rates them as exposing little. Neither is started:
    /// the test machines run no systemd.
    @Suite
    struct SystemdUnitTests {
        /// The sandboxing settings both units must keep.
        static let sandbox = [
            "DynamicUser=yes", "NoNewPrivileges=yes", "ProtectSystem=strict", "ProtectHome=yes", "PrivateTmp=yes",
            "PrivateDevices=yes", "RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX", "SystemCallFilter=@system-service",
            "SystemCallFilter=~@privileged @resources", "MemoryDenyWriteExecute=yes",
        ]

        /// The unit's settings, one `Key=value` a line, comments left out.
        static func settings(_ unit: String) throws -> [String] {
            try Repository.read("deploy/systemd/\(unit)").split(separator: "\n")
                .filter { !$0.hasPrefix("#") && $0.contains("=") }.map(String.init)
        }

        @Test(arguments: ["gnsd.service", "gnsd-agent.service"])
        func unitVerifiesAndExposesLittle(unit: String) async throws {
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let text = try Repository.read("deploy/systemd/\(unit)")
            #expect(text.contains("ExecStart=/usr/local/bin/gnsd "))
            try directory.write(unit, text.replacingOccurrences(of: "/usr/local/bin/gnsd", with: GNSDBinary.path))
            let path = "\(directory.path)/\(unit)"

            let verify = try await ExternalCommand.run("systemd-analyze", ["verify", path])
            #expect(verify.status == 0, "\(verify.standardError)")
            #expect(verify.standardOutput + verify.standardError == "")

            let security = try await ExternalCommand.run("systemd-analyze", ["security", "--offline=yes", "--no-pager", path])
            #expect(security.status == 0, "\(security.standardError)")
            let overall = security.standardOutput.split(separator: "\n").last { $0.contains("Overall exposure level for \(unit):") }
            let level = overall?.split(separator: ":").last?.split(separator: " ").first.flatMap { Double($0) }
            #expect(level.map { $0 <= 1.5 } == true, "\(overall ?? "no overall exposure line")")

            let settings = try Self.settings(unit)
            #expect(Self.sandbox.filter { !settings.contains($0) } == [], "\(unit)")
        }

        @Test func onlyTheServerMayBindPort53() throws {
            let server = try Self.settings("gnsd.service")
            #expect(
                server.filter { $0.contains("Capabilit") } == [
                    "AmbientCapabilities=CAP_NET_BIND_SERVICE", "CapabilityBoundingSet=CAP_NET_BIND_SERVICE",
                ])
            let agent = try Self.settings("gnsd-agent.service")
            #expect(agent.filter { $0.contains("Capabilit") } == ["CapabilityBoundingSet=", "AmbientCapabilities="])
        }

        /// gnsd agent takes the agent unit's arguments: with the exports file missing it stops
        /// at that file, not at a usage error.
        @Test func agentUnitArgumentsAreWhatGnsdAgentAccepts() async throws {
            let execStart = try #require(try Self.settings("gnsd-agent.service").first { $0.hasPrefix("ExecStart=") })
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let arguments = execStart.dropFirst("ExecStart=/usr/local/bin/gnsd ".count)
                .replacingOccurrences(of: "/etc/gnsd/exports.yaml", with: "\(directory.path)/exports.yaml")
                .split(separator: " ").map(String.init)
            let output = try await ExternalCommand.run(GNSDBinary.path, arguments)
            #expect(output.status == 2)
            #expect(output.standardError == "gnsd: \(directory.path)/exports.yaml: does not exist\n")
        }
    }
}
