import Foundation
import NIOSSL
import TestKit
import TestSupport
import Testing

@testable import KubernetesSource

@Suite struct KubernetesConnectionTests {
    /// A kubeconfig with two clusters, users and contexts; `extra` lines are added to the `tls` cluster.
    private func kubeconfig(current: String = "plain", tlsCluster extra: String = "", tlsUser: String? = nil) -> String {
        """
        apiVersion: v1
        kind: Config
        current-context: \(current)
        clusters:
        - name: plain
          cluster:
            server: http://127.0.0.1:8080/
        - name: tls
          cluster:
            server: https://api.example.test:6443
        \(extra.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))
        users:
        - name: token-user
          user:
            token: abc.def
        - name: tls-user
          user:
        \((tlsUser ?? "client-certificate-data: \(TestCertificate.certificateBase64)\nclient-key-data: \(TestCertificate.keyBase64)").split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))
        contexts:
        - name: plain
          context: {cluster: plain, user: token-user}
        - name: tls
          context: {cluster: tls, user: tls-user, namespace: shop}
        - name: lost
          context: {cluster: nowhere, user: token-user}
        """
    }

    /// The connection of `yaml` written as `kubeconfig` in a fresh directory, with `files` beside it.
    private func load(_ yaml: String, context: String? = nil, files: [String: String] = [:]) throws -> KubernetesConnection {
        try withKubeconfig(yaml, files: files) { path, _ in try KubernetesConnection.kubeconfig(file: path, context: context) }
    }

    /// The error loading `yaml` gives, with the file's path replaced by `FILE` and its folder's by `DIR`.
    private func failure(_ yaml: String, context: String? = nil) throws -> String {
        try withKubeconfig(yaml, files: [:]) { path, folder in
            do {
                _ = try KubernetesConnection.kubeconfig(file: path, context: context)
                return "no error"
            } catch let error as KubernetesConfigurationError {
                return error.description.replacingOccurrences(of: path, with: "FILE").replacingOccurrences(of: folder, with: "DIR")
            }
        }
    }

    /// `body` with the path of `yaml` written as `kubeconfig` in a fresh folder with `files`, and the folder's path.
    private func withKubeconfig<Result>(_ yaml: String, files: [String: String], _ body: (String, String) throws -> Result) throws -> Result {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("kubeconfig", yaml)
        for (name, contents) in files {
            try directory.write(name, contents)
        }
        return try body(directory.path + "/kubeconfig", directory.path)
    }

    @Test func currentContextWithAToken() throws {
        let connection = try load(kubeconfig())
        #expect(connection.server == "http://127.0.0.1:8080")
        #expect(connection.token == .fixed("abc.def"))
        #expect(connection.tls == nil)
        #expect(connection.skipsTLSVerification == false)
    }

    @Test func namedContextWithCAAndClientCertificateData() throws {
        let connection = try load(kubeconfig(tlsCluster: "certificate-authority-data: \(TestCertificate.certificateBase64)"), context: "tls")
        let certificate = try NIOSSLCertificate.fromPEMBytes(Array(TestCertificate.certificatePEM.utf8))
        #expect(connection.server == "https://api.example.test:6443")
        #expect(connection.token == .none)
        #expect(connection.tls?.trustRoots == .certificates(certificate))
        #expect(connection.tls?.certificateChain == certificate.map { .certificate($0) })
        #expect(connection.tls?.privateKey != nil)
        #expect(connection.tls?.certificateVerification == .fullVerification)
        #expect(connection.skipsTLSVerification == false)
    }

    @Test func filesAreRelativeToTheKubeconfigAndInsecureIsHonoured() throws {
        let connection = try load(
            kubeconfig(
                current: "tls", tlsCluster: "certificate-authority: ca.crt\ninsecure-skip-tls-verify: true", tlsUser: "tokenFile: agent-token"),
            files: ["ca.crt": TestCertificate.certificatePEM, "agent-token": "rotating\n"])
        #expect(connection.tls?.certificateVerification == CertificateVerification.none)
        #expect(connection.skipsTLSVerification)
        guard case .file(let path) = connection.token else {
            Issue.record("expected a token file, got \(connection.token)")
            return
        }
        #expect(path.hasSuffix("/agent-token"))
    }

    @Test func brokenKubeconfigsGiveOneClearLine() throws {
        let cases: [(yaml: String, context: String?, expected: String)] = [
            ("- just\n- a list", nil, "kubeconfig FILE: not a valid kubeconfig: : Expected to decode Mapping but found Node instead."),
            (
                "current-context: plain\nclusters: 7", nil,
                "kubeconfig FILE: not a valid kubeconfig: clusters: Expected to decode Sequence but found Node instead."
            ),
            (kubeconfig(current: ""), nil, "kubeconfig FILE: no current-context is set; name a context"),
            (kubeconfig(), "prod", #"kubeconfig FILE: no context named "prod""#),
            (kubeconfig(), "lost", #"kubeconfig FILE: context "lost" names cluster "nowhere", which is not defined"#),
            (
                kubeconfig().replacingOccurrences(of: "http://127.0.0.1:8080/", with: "127.0.0.1:8080"), nil,
                #"kubeconfig FILE: cluster "plain" needs a server URL starting with https:// or http://"#
            ),
            (
                kubeconfig(current: "tls", tlsUser: "exec:\n  command: aws"), nil,
                #"kubeconfig FILE: user "tls-user" uses an exec plugin, auth provider or basic auth, which are not supported; give it a token, tokenFile or client certificate"#
            ),
            (
                kubeconfig(current: "tls", tlsCluster: "certificate-authority-data: '%%%'"), nil,
                #"kubeconfig FILE: cluster "tls" certificate-authority-data is not base64"#
            ),
            (
                kubeconfig(current: "tls", tlsCluster: "certificate-authority-data: \(TestCertificate.keyBase64)"), nil,
                #"kubeconfig FILE: cluster "tls" certificate-authority-data is not a PEM certificate"#
            ),
            (
                kubeconfig(current: "tls", tlsCluster: "certificate-authority: missing.crt"), nil,
                #"kubeconfig FILE: cannot read cluster "tls" certificate-authority DIR/missing.crt"#
            ),
            (
                kubeconfig(current: "tls", tlsUser: "client-certificate-data: \(TestCertificate.certificateBase64)"), nil,
                #"kubeconfig FILE: user "tls-user" client-certificate-data is set but no client key"#
            ),
            (
                kubeconfig(current: "tls", tlsUser: "tokenFile: absent"), nil,
                #"kubeconfig FILE: user "tls-user": cannot read the token file DIR/absent"#
            ),
        ]
        for (yaml, context, expected) in cases {
            let message = try failure(yaml, context: context)
            #expect(message == expected)
        }
        #expect(throws: KubernetesConfigurationError("cannot read the kubeconfig /nonexistent/kubeconfig")) {
            try KubernetesConnection.kubeconfig(file: "/nonexistent/kubeconfig")
        }
    }

    @Test func inClusterReadsTheEnvironmentTokenAndCA() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("token", "sa-token\n")
        try directory.write("ca.crt", TestCertificate.certificatePEM)
        try directory.write("broken.crt", "not a certificate")
        let token = directory.path + "/token"
        let ca = directory.path + "/ca.crt"

        let connection = try KubernetesConnection.inCluster(
            environment: ["KUBERNETES_SERVICE_HOST": "10.96.0.1", "KUBERNETES_SERVICE_PORT": "443"], tokenFile: token, caFile: ca)
        #expect(connection.server == "https://10.96.0.1:443")
        #expect(try connection.token.current() == "sa-token")
        #expect(connection.tls?.trustRoots == .certificates(try NIOSSLCertificate.fromPEMBytes(Array(TestCertificate.certificatePEM.utf8))))
        let ipv6 = try KubernetesConnection.inCluster(
            environment: ["KUBERNETES_SERVICE_HOST": "fd00:96::1", "KUBERNETES_SERVICE_PORT": "6443"], tokenFile: token, caFile: ca)
        #expect(ipv6.server == "https://[fd00:96::1]:6443")

        try directory.write("token", "rotated")
        #expect(try connection.token.current() == "rotated")

        let failures: [([String: String], String, String, String)] = [
            ([:], token, ca, "not running in a Kubernetes pod: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are not set"),
            (
                ["KUBERNETES_SERVICE_HOST": "10.96.0.1", "KUBERNETES_SERVICE_PORT": "https"], token, ca,
                #"KUBERNETES_SERVICE_PORT must be a port number, got "https""#
            ),
            (
                ["KUBERNETES_SERVICE_HOST": "10.96.0.1", "KUBERNETES_SERVICE_PORT": "443"], directory.path + "/none", ca,
                "in-cluster configuration: cannot read the token file DIR/none"
            ),
            (
                ["KUBERNETES_SERVICE_HOST": "10.96.0.1", "KUBERNETES_SERVICE_PORT": "443"], token, directory.path + "/broken.crt",
                "in-cluster configuration: the CA certificate DIR/broken.crt is not a PEM certificate"
            ),
        ]
        for (environment, tokenFile, caFile, expected) in failures {
            #expect(throws: KubernetesConfigurationError(expected.replacingOccurrences(of: "DIR", with: directory.path))) {
                try KubernetesConnection.inCluster(environment: environment, tokenFile: tokenFile, caFile: caFile)
            }
        }
    }
}
