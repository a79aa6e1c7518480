import TestKit
import TestSupport
import Testing

extension DeployTests {
    /// Every Kubernetes manifest under deploy/ passes kubernetes-validate (PyPI) in strict mode,
    /// which checks each object against the bundled OpenAPI schema of a Kubernetes version and
    /// rejects unknown fields; the kustomizations list every manifest and render with kubectl.
    /// kubernetes-validate has no schema for Kustomization files nor for custom resources, so none
    /// is passed to it.
    @Suite
    struct KubernetesValidationTests {
        /// The manifests of each folder, as `kind/name`.
        static let resources: [String: Set<String>] = [
            "deploy/kubernetes/gnsd": [
                "namespace/gnsd", "configmap/gnsd", "statefulset/gnsd", "service/gnsd", "service/gnsd-replicas",
                "poddisruptionbudget/gnsd",
            ],
            "deploy/kubernetes/agent": [
                "namespace/gnsd", "serviceaccount/gnsd-agent", "clusterrole/gnsd-agent", "clusterrolebinding/gnsd-agent",
                "secret/gnsd-agent", "deployment/gnsd-agent",
            ],
            "deploy/coredns": ["configmap/coredns", "configmap/node-local-dns"],
        ]

        /// The oldest and the newest Kubernetes the manifests are checked against.
        static let versions = ["1.29.0", "1.37.0"]

        /// Runs kubernetes-validate on `files` for Kubernetes `version`, strictly.
        static func validate(_ files: [String], version: String) async throws -> ExternalCommand.Output {
            try await ExternalCommand.run("python3", ["-m", "kubernetes_validate", "--kubernetes-version", version, "--strict"] + files)
        }

        /// The manifests of `folder` other than its kustomization.
        static func manifests(in folder: String) throws -> [Manifest] {
            try Manifest.files(in: folder).filter { !$0.hasSuffix("/kustomization.yaml") }.map(Manifest.init)
        }

        @Test(arguments: versions)
        func everyManifestValidatesStrictly(version: String) async throws {
            let minor = version.split(separator: ".").prefix(2).joined(separator: ".")
            var files: [String] = []
            var expected: [String] = []
            for (folder, resources) in Self.resources {
                let manifests = try Self.manifests(in: folder)
                #expect(Set(manifests.map { "\($0.kind.lowercased())/\($0.name)" }) == resources, "\(folder)")
                for manifest in manifests {
                    let path = Repository.path(manifest.file)
                    files.append(path)
                    expected.append("INFO \(path) passed for resource \(manifest.kind.lowercased())/\(manifest.name) against version \(minor)")
                }
            }
            let output = try await Self.validate(files, version: version)
            #expect(output.status == 0, "\(output.standardOutput)\(output.standardError)")
            #expect(output.standardOutput.split(separator: "\n").map(String.init).sorted() == expected.sorted(), "\(output.standardOutput)")
        }

        @Test func aManifestWithAnUnknownFieldFails() async throws {
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let statefulSet = try Repository.read("deploy/kubernetes/gnsd/statefulset.yaml")
            try directory.write("statefulset.yaml", statefulSet.replacingOccurrences(of: "  replicas: 2\n", with: "  replicas: 2\n  replica: 3\n"))
            let output = try await Self.validate(["\(directory.path)/statefulset.yaml"], version: Self.versions[0])
            #expect(output.status == 1)
            let expected = "statefulset/gnsd against version 1.29: spec: Additional properties are not allowed ('replica' was unexpected)"
            #expect(output.standardOutput.contains(expected), "\(output.standardOutput)")
        }

        @Test(arguments: ["deploy/kubernetes/gnsd", "deploy/kubernetes/agent"])
        func kustomizationRendersEveryManifest(folder: String) async throws {
            let kustomization = try Manifest("\(folder)/kustomization.yaml")
            let listed = (kustomization["resources"] as? [String] ?? []).map { "\(folder)/\($0)" }
            let files = try Self.manifests(in: folder).map(\.file)
            #expect(listed.sorted() == files)

            let rendered = try await ExternalCommand.run("kubectl", ["kustomize", Repository.path(folder)])
            #expect(rendered.status == 0, "\(rendered.standardError)")
            let documents = try Manifest.documents(of: rendered.standardOutput, from: "kubectl kustomize \(folder)")
            #expect(Set(documents.map { "\($0.kind.lowercased())/\($0.name)" }) == Self.resources[folder])
            for document in documents where !["Namespace", "ClusterRole", "ClusterRoleBinding"].contains(document.kind) {
                #expect(document["metadata.namespace"] as? String == "gnsd", "\(document.kind)/\(document.name)")
            }
            let images = documents.compactMap { $0["spec.template.spec.containers.0.image"] as? String }
            #expect(images == ["registry.example.com/gnsd:0.1.0"])

            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            try directory.write("rendered.yaml", rendered.standardOutput)
            let output = try await Self.validate(["\(directory.path)/rendered.yaml"], version: Self.versions[0])
            #expect(output.status == 0, "\(output.standardOutput)")
            let lines = output.standardOutput.split(separator: "\n")
            #expect(lines.count == documents.count && lines.allSatisfy { $0.hasPrefix("INFO ") }, "\(output.standardOutput)")
        }
    }
}
