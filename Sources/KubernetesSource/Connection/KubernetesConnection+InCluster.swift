internal import Foundation

extension KubernetesConnection {
    /// The service-account token file of a pod.
    public static let serviceAccountTokenFile = "/var/run/secrets/kubernetes.io/serviceaccount/token"
    /// The cluster's CA certificate as mounted into a pod.
    public static let serviceAccountCAFile = "/var/run/secrets/kubernetes.io/serviceaccount/ca.crt"

    /// The API server of the cluster this pod runs in: `KUBERNETES_SERVICE_HOST` and `KUBERNETES_SERVICE_PORT` from
    /// `environment` (the process environment when `nil`), the service-account token (read again for every request, so
    /// rotation is picked up) and CA certificate.
    public static func inCluster(
        environment: [String: String]? = nil,
        tokenFile: String = serviceAccountTokenFile,
        caFile: String = serviceAccountCAFile
    ) throws(KubernetesConfigurationError) -> KubernetesConnection {
        let variables = environment ?? ProcessInfo.processInfo.environment
        guard let host = variables["KUBERNETES_SERVICE_HOST"], !host.isEmpty,
            let port = variables["KUBERNETES_SERVICE_PORT"], !port.isEmpty
        else {
            throw KubernetesConfigurationError("not running in a Kubernetes pod: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are not set")
        }
        guard let portNumber = UInt16(port), portNumber > 0 else {
            throw KubernetesConfigurationError("KUBERNETES_SERVICE_PORT must be a port number, got \"\(port)\"")
        }
        let token = BearerToken.file(tokenFile)
        do {
            _ = try token.current()
        } catch {
            throw KubernetesConfigurationError("in-cluster configuration: \(error)")
        }
        let authority = host.contains(":") ? "[\(host)]:\(portNumber)" : "\(host):\(portNumber)"
        let place = "in-cluster configuration"
        let tls = try TLSSettings(trustRoots: try TLSSettings.file(caFile, label: "the CA certificate", place: place), place: place)
            .configuration()
        return KubernetesConnection(server: "https://\(authority)", token: token, tls: tls, skipsTLSVerification: false)
    }
}
