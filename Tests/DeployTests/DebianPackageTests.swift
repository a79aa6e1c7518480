import Foundation
import TestKit
import TestSupport
import Testing

extension DeployTests {
    /// scripts/package-deb: the Debian package of the built gnsd and gnsctl, its control data and
    /// layout, and the binaries, manual pages and completions it installs, unpacked into a
    /// scratch root (nothing is installed on the machine).
    @Suite
    struct DebianPackageTests {
        /// Every file the package installs, without the architecture-independent directories.
        static let files = [
            "./etc/gnsd/gnsd.yaml", "./etc/gnsd/zones/acme.local.zone", "./etc/gnsd/zones/clusterset.local.zone",
            "./lib/systemd/system/gnsd-agent.service", "./lib/systemd/system/gnsd.service", "./usr/bin/gnsctl", "./usr/bin/gnsd",
            "./usr/share/bash-completion/completions/gnsctl", "./usr/share/bash-completion/completions/gnsd",
            "./usr/share/doc/gnsd/README.md", "./usr/share/doc/gnsd/copyright", "./usr/share/fish/vendor_completions.d/gnsctl.fish",
            "./usr/share/fish/vendor_completions.d/gnsd.fish", "./usr/share/man/man1/gnsctl.1.gz", "./usr/share/man/man1/gnsd.1.gz",
            "./usr/share/zsh/vendor-completions/_gnsctl", "./usr/share/zsh/vendor-completions/_gnsd",
        ]

        @Test func packageHoldsTheLayoutAndItsProgramsRunFromAScratchRoot() async throws {
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let binaries = URL(fileURLWithPath: GNSDBinary.path).deletingLastPathComponent().path
            let built = try await ExternalCommand.run(
                Repository.path("scripts/package-deb"), ["--bin", binaries, "--out", directory.path, "--compression", "none"],
                timeout: .seconds(300))
            #expect(built.status == 0, "\(built.standardError)")
            let architecture = try await ExternalCommand.run("dpkg", ["--print-architecture"]).standardOutput.trimmingCharacters(
                in: .whitespacesAndNewlines)
            let package = "\(directory.path)/gnsd_0.1.0_\(architecture).deb"
            #expect(built.standardOutput == package + "\n")

            let fields = try await ExternalCommand.run("dpkg-deb", ["--field", package, "Package", "Version", "Architecture", "Depends", "Section"])
            #expect(
                fields.standardOutput == """
                    Package: gnsd
                    Version: 0.1.0
                    Architecture: \(architecture)
                    Depends: libc6, libgcc-s1, libstdc++6, libldns3, libsqlite3-0, libssl3, zlib1g, passwd
                    Section: net

                    """)
            let conffiles = try await ExternalCommand.run("dpkg-deb", ["--info", package, "conffiles"])
            #expect(conffiles.standardOutput == "/etc/gnsd/gnsd.yaml\n/etc/gnsd/zones/acme.local.zone\n/etc/gnsd/zones/clusterset.local.zone\n")
            let postinst = try await ExternalCommand.run("dpkg-deb", ["--info", package, "postinst"])
            #expect(postinst.standardOutput.contains("groupadd --system gnsd-tls"))
            let commands = postinst.standardOutput.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            #expect(
                !commands.contains { $0.hasPrefix("systemctl enable") || $0.hasPrefix("systemctl start") },
                "nothing starts before the site's configuration")

            let contents = try await ExternalCommand.run("dpkg-deb", ["--contents", package])
            let listed = contents.standardOutput.split(separator: "\n").compactMap { line in
                line.hasPrefix("-") ? line.split(separator: " ").last.map(String.init) : nil
            }
            #expect(listed.sorted() == Self.files)
            #expect(contents.standardOutput.split(separator: "\n").allSatisfy { $0.contains(" root/root ") })

            let root = "\(directory.path)/root"
            let unpacked = try await ExternalCommand.run("dpkg-deb", ["--extract", package, root])
            #expect(unpacked.status == 0, "\(unpacked.standardError)")
            for program in ["gnsd", "gnsctl"] {
                let version = try await ExternalCommand.run("\(root)/usr/bin/\(program)", ["--version"])
                #expect(version.standardOutput == "0.1.0\n", "\(program): \(version.standardError)")
                let manual = try await ExternalCommand.run("/bin/sh", ["-c", "gzip -dc \(root)/usr/share/man/man1/\(program).1.gz"])
                #expect(manual.standardOutput.contains(".Nm \(program)\n"), "\(program).1")
                let completion = try await ExternalCommand.run("bash", ["-n", "\(root)/usr/share/bash-completion/completions/\(program)"])
                #expect(completion.status == 0, "\(completion.standardError)")
            }
            let zones = try await ExternalCommand.run(
                "\(root)/usr/bin/gnsd", ["check-zones", "--config", "\(root)/etc/gnsd/gnsd.yaml", "--zones", "\(root)/etc/gnsd/zones"])
            #expect(zones.status == 0, "the packaged configuration and zones load: \(zones.standardError)")
            let unit = try String(contentsOfFile: "\(root)/lib/systemd/system/gnsd.service", encoding: .utf8)
            #expect(unit.contains("\nExecStart=/usr/bin/gnsd serve --config /etc/gnsd/gnsd.yaml\n"))
        }
    }
}
