import TestKit
import TestSupport
import Testing

extension DeployTests {
    /// deploy/kubernetes/agent: the agent may list and watch its three resources and nothing else,
    /// takes its token from the Secret and pushes to every gnsd replica.
    @Suite
    struct AgentManifestTests {
        static let folder = "deploy/kubernetes/agent"

        @Test func roleAllowsOnlyListAndWatchOnExportsServicesAndSlices() throws {
            let role = try Manifest("\(Self.folder)/clusterrole.yaml")
            #expect(
                role["rules"] as? [[String: [String]]] == [
                    ["apiGroups": ["multicluster.x-k8s.io"], "resources": ["serviceexports"], "verbs": ["list", "watch"]],
                    ["apiGroups": [""], "resources": ["services"], "verbs": ["list", "watch"]],
                    ["apiGroups": ["discovery.k8s.io"], "resources": ["endpointslices"], "verbs": ["list", "watch"]],
                ])
            let binding = try Manifest("\(Self.folder)/clusterrolebinding.yaml")
            #expect(binding["roleRef"] as? [String: String] == ["apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": role.name])
            let account = try Manifest("\(Self.folder)/serviceaccount.yaml")
            #expect(binding["subjects"] as? [[String: String]] == [["kind": "ServiceAccount", "name": account.name, "namespace": "gnsd"]])
            let deployment = try Manifest("\(Self.folder)/deployment.yaml")
            #expect(deployment["spec.template.spec.serviceAccountName"] as? String == account.name)
        }

        @Test func deploymentPushesToEveryReplicaWithTheSecretsToken() throws {
            let deployment = try Manifest("\(Self.folder)/deployment.yaml")
            let agent = "spec.template.spec.containers.0"
            #expect(deployment.podSecurityProblems == [])
            #expect(deployment["spec.replicas"] as? Int == 1)
            #expect(deployment["spec.strategy.type"] as? String == "Recreate")

            let statefulSet = try Manifest("deploy/kubernetes/gnsd/statefulset.yaml")
            let replicas = try #require(statefulSet["spec.replicas"] as? Int)
            let headless = try statefulSet.text("spec.serviceName")
            let servers = (0..<replicas).flatMap { ["--server", "https://gnsd-\($0).\(headless).gnsd.svc.cluster.local:8053"] }
            let tls = [
                "--ca-file", "/etc/gnsd-agent/tls/ca.crt", "--client-certificate", "/etc/gnsd-agent/tls/tls.crt",
                "--client-key", "/etc/gnsd-agent/tls/tls.key",
            ]
            #expect(
                deployment["\(agent).args"] as? [String] == ["agent", "--kubernetes", "--cluster", "aws-west", "--region", "us-west"] + servers + tls)
            #expect(
                deployment["\(agent).volumeMounts.0"] as? [String: AnyHashable] == [
                    "name": "tls", "mountPath": "/etc/gnsd-agent/tls", "readOnly": true,
                ])
            #expect(deployment["spec.template.spec.volumes.0.secret.secretName"] as? String == "gnsd-agent-tls")

            let secret = try Manifest("\(Self.folder)/secret.yaml")
            #expect((deployment["\(agent).env"] as? [Any])?.count == 1)
            #expect(deployment["\(agent).env.0.name"] as? String == "GNSD_AGENT_TOKEN")
            #expect(deployment["\(agent).env.0.valueFrom.secretKeyRef"] as? [String: String] == ["name": secret.name, "key": "token"])
            #expect(secret["stringData.token"] as? String == "REPLACE-WITH-THIS-CLUSTERS-AGENT-TOKEN")
        }

        /// gnsd agent takes the Deployment's arguments: outside a pod it stops at the in-cluster
        /// configuration, not at a usage error.
        @Test func deploymentArgumentsAreWhatGnsdAgentAccepts() async throws {
            let deployment = try Manifest("\(Self.folder)/deployment.yaml")
            let arguments = try #require(deployment["spec.template.spec.containers.0.args"] as? [String])
            let command = ["-u", "KUBERNETES_SERVICE_HOST", "-u", "KUBERNETES_SERVICE_PORT", GNSDBinary.path] + arguments
            let output = try await ExternalCommand.run("env", command)
            #expect(output.status == 2)
            #expect(
                output.standardError == "gnsd: not running in a Kubernetes pod: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are not set\n")
        }
    }
}
