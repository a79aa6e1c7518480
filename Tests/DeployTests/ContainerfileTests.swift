import TestKit
import TestSupport
import Testing

extension DeployTests {
    /// deploy/container/Containerfile, checked without a container engine (none runs here): the
    /// image runs as the pods' user with their ports and command, and its runtime packages provide
    /// every library gnsd links besides the Swift runtime, which --static-swift-stdlib builds in.
    @Suite
    struct ContainerfileTests {
        /// The Containerfile's instructions, as keyword and arguments; continuation lines joined.
        static func instructions() throws -> [(keyword: String, arguments: String)] {
            let text = try Repository.read("deploy/container/Containerfile").replacingOccurrences(of: "\\\n", with: " ")
            return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.compactMap { line in
                let parts = line.split(separator: " ", maxSplits: 1)
                return parts.count == 2 ? (String(parts[0]), String(parts[1])) : nil
            }
        }

        static func arguments(of keyword: String) throws -> [String] {
            try instructions().filter { $0.keyword == keyword }.map(\.arguments)
        }

        @Test func imageRunsAsThePodsUserWithTheirPortsAndCommand() throws {
            let statefulSet = try Manifest("deploy/kubernetes/gnsd/statefulset.yaml")
            let deployment = try Manifest("deploy/kubernetes/agent/deployment.yaml")
            for pod in [statefulSet, deployment] {
                let user =
                    "\(pod["spec.template.spec.securityContext.runAsUser"] ?? ""):\(pod["spec.template.spec.securityContext.runAsGroup"] ?? "")"
                #expect(try Self.arguments(of: "USER") == [user], "\(pod.file)")
            }
            let ports = (statefulSet["spec.template.spec.containers.0.ports"] as? [[String: Any]] ?? [])
                .map { "\($0["containerPort"] ?? "")/\(($0["protocol"] as? String ?? "").lowercased())" }
            #expect(try Self.arguments(of: "EXPOSE") == [ports.joined(separator: " ")])
            #expect(try Self.arguments(of: "ENTRYPOINT") == [#"["/usr/local/bin/gnsd"]"#])
            let args = statefulSet["spec.template.spec.containers.0.args"] as? [String] ?? []
            #expect(try Self.arguments(of: "CMD") == ["[" + args.map { "\"\($0)\"" }.joined(separator: ", ") + "]"])
            #expect(try Self.arguments(of: "VOLUME") == [#"["/var/lib/gnsd"]"#])
        }

        @Test func buildAndRuntimeStagesShareTheDebianRelease() throws {
            let images = try Self.arguments(of: "ARG")
            #expect(images.count == 2)
            #expect(images.first.map { $0.hasPrefix("SWIFT_IMAGE=swift:6.") && $0.hasSuffix("-bookworm") } == true, "\(images)")
            #expect(images.last == "RUNTIME_IMAGE=debian:bookworm-slim")
            #expect(try Self.arguments(of: "FROM") == ["${SWIFT_IMAGE} AS build", "${RUNTIME_IMAGE}"])
            let build = try Self.arguments(of: "RUN").filter { $0.contains("swift build") }
            #expect(build.count == 1 && build[0].hasPrefix("swift build -c release --static-swift-stdlib --product gnsd "), "\(build)")
        }

        /// Libraries every debian:bookworm-slim has (libc6, libgcc-s1, libstdc++6, zlib1g).
        static let baseLibraries: Set = [
            "libc.so.6", "libm.so.6", "libdl.so.2", "libpthread.so.0", "librt.so.1", "libutil.so.1",
            "ld-linux-x86-64.so.2", "ld-linux-aarch64.so.1", "libgcc_s.so.1", "libstdc++.so.6", "libz.so.1",
        ]

        /// The package that provides each other library gnsd links.
        static let runtimePackages = ["libldns.so.3": "libldns3", "libsqlite3.so.0": "libsqlite3-0"]

        @Test func runtimePackagesProvideEveryLibraryGnsdLinks() async throws {
            let dynamic = try await ExternalCommand.run("readelf", ["--dynamic", GNSDBinary.path])
            #expect(dynamic.status == 0, "\(dynamic.standardError)")
            let needed = dynamic.standardOutput.split(separator: "\n").filter { $0.contains("(NEEDED)") }.compactMap { line in
                line.split(separator: "[").last?.split(separator: "]").first.map(String.init)
            }
            let swiftRuntime = ["libswift", "libFoundation", "lib_Foundation", "libdispatch", "libBlocksRuntime"]
            let system = Set(needed.filter { library in !swiftRuntime.contains { library.hasPrefix($0) } })
            #expect(system.subtracting(Self.baseLibraries) == Set(Self.runtimePackages.keys), "\(needed)")

            let runtimeInstall = try Self.arguments(of: "RUN").filter { $0.contains("libldns3") }
            #expect(runtimeInstall.count == 1)
            let installed = runtimeInstall.first?.split(separator: "&&").first { $0.contains("apt-get install") }?
                .split(separator: " ").suffix(Self.runtimePackages.count).map(String.init)
            #expect(installed.map(Set.init) == Set(Self.runtimePackages.values), "\(runtimeInstall)")
        }
    }
}
