import TestKit
import TestSupport

extension FakeAPIServer {
    /// Writes `kubeconfig` into `directory` for a client of this server (over HTTPS trusting ``TestCertificate`` with
    /// `https`), with `token` in the token file `token` it names; returns the kubeconfig's path.
    @discardableResult
    func writeKubeconfig(in directory: TemporaryDirectory, token: String, https: Bool = false) throws -> String {
        try directory.write("token", token + "\n")
        try directory.write(
            "kubeconfig",
            """
            apiVersion: v1
            kind: Config
            current-context: test
            clusters:
            - name: fake
              cluster:
                server: \(https ? "https" : "http")://127.0.0.1:\(port)
                certificate-authority-data: \(TestCertificate.certificateBase64)
            users:
            - name: agent
              user:
                tokenFile: token
            contexts:
            - name: test
              context:
                cluster: fake
                user: agent
            """)
        return directory.path + "/kubeconfig"
    }
}
