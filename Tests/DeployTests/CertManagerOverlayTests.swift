import TestKit
import TestSupport
import Testing

extension DeployTests {
    /// deploy/kubernetes/cert-manager: the overlays render with kubectl and issue the Secrets the
    /// workloads mount, for the names the agents dial and the identity gnsd expects.
    @Suite
    struct CertManagerOverlayTests {
        /// The documents `kubectl kustomize` renders for `folder`.
        static func rendered(_ folder: String) async throws -> [Manifest] {
            let output = try await ExternalCommand.run("kubectl", ["kustomize", Repository.path(folder)])
            #expect(output.status == 0, "\(output.standardError)")
            return try Manifest.documents(of: output.standardOutput, from: "kubectl kustomize \(folder)")
        }

        @Test func gnsdGetsACertificateForEveryReplicaTheAgentsDial() async throws {
            let documents = try await Self.rendered("deploy/kubernetes/cert-manager/gnsd")
            let kinds = Set(documents.map { "\($0.kind.lowercased())/\($0.name)" })
            #expect(kinds.isSuperset(of: ["statefulset/gnsd", "issuer/gnsd-ca", "certificate/gnsd-tls"]))
            let certificate = try #require(documents.first { $0.kind == "Certificate" })
            let statefulSet = try #require(documents.first { $0.kind == "StatefulSet" })
            #expect(certificate["spec.secretName"] as? String == statefulSet["spec.template.spec.volumes.1.secret.secretName"] as? String)
            #expect(certificate["spec.issuerRef.name"] as? String == "gnsd-ca")
            let agent = try Manifest("deploy/kubernetes/agent/deployment.yaml")
            let arguments = agent["spec.template.spec.containers.0.args"] as? [String] ?? []
            let dialed = zip(arguments, arguments.dropFirst()).filter { $0.0 == "--server" }.compactMap { pair in
                pair.1.split(separator: "/").dropFirst(1).first?.split(separator: ":").first.map(String.init)
            }
            #expect(!dialed.isEmpty)
            #expect(certificate["spec.dnsNames"] as? [String] == dialed + ["gnsd.gnsd.svc.cluster.local"], "the replicas, then the Service")
        }

        @Test func theAgentGetsACertificateNamingItsCluster() async throws {
            let documents = try await Self.rendered("deploy/kubernetes/cert-manager/agent")
            let certificate = try #require(documents.first { $0.kind == "Certificate" })
            let deployment = try #require(documents.first { $0.kind == "Deployment" })
            #expect(certificate["spec.secretName"] as? String == deployment["spec.template.spec.volumes.0.secret.secretName"] as? String)
            #expect(certificate["spec.usages"] as? [String] == ["client auth"])
            let configMap = try Manifest("deploy/kubernetes/gnsd/configmap.yaml")
            let configuration = try #require((configMap["data"] as? [String: Any])?["gnsd.yaml"] as? String)
            let pattern = try #require(configuration.split(separator: "\n").first { $0.contains("cluster-identities:") })
            let template = try #require(pattern.split(separator: "\"").dropFirst().first.map(String.init))
            let arguments = deployment["spec.template.spec.containers.0.args"] as? [String] ?? []
            let cluster = try #require(zip(arguments, arguments.dropFirst()).first { $0.0 == "--cluster" }?.1)
            #expect(certificate["spec.uris"] as? [String] == [template.replacingOccurrences(of: "{cluster}", with: cluster)])
        }
    }
}
