internal import Foundation
internal import Yams

extension KubernetesConnection {
    /// The API server of `context` (the file's `current-context` when `nil`) in the kubeconfig at `file`: its
    /// `server`, `certificate-authority(-data)` and `insecure-skip-tls-verify`, and its user's `token`, `tokenFile`
    /// or `client-certificate(-data)` with `client-key(-data)`. Relative paths are relative to the file's folder.
    public static func kubeconfig(file: String, context: String? = nil) throws(KubernetesConfigurationError) -> KubernetesConnection {
        let place = "kubeconfig \(file)"
        guard let data = FileManager.default.contents(atPath: file) else {
            throw KubernetesConfigurationError("cannot read the kubeconfig \(file)")
        }
        let config: Kubeconfig
        do {
            config = try YAMLDecoder().decode(Kubeconfig.self, from: data)
        } catch {
            throw KubernetesConfigurationError("\(place): not a valid kubeconfig: \(Self.summary(of: error))")
        }
        let folder = URL(fileURLWithPath: file).deletingLastPathComponent()
        let resolve = { (path: String) in path.hasPrefix("/") ? path : folder.appendingPathComponent(path).path }

        guard let contextName = context ?? config.currentContext, !contextName.isEmpty else {
            throw KubernetesConfigurationError("\(place): no current-context is set; name a context")
        }
        guard let chosen = config.contexts?.first(where: { $0.name == contextName })?.context else {
            throw KubernetesConfigurationError("\(place): no context named \"\(contextName)\"")
        }
        guard let cluster = config.clusters?.first(where: { $0.name == chosen.cluster })?.cluster else {
            throw KubernetesConfigurationError("\(place): context \"\(contextName)\" names cluster \"\(chosen.cluster)\", which is not defined")
        }
        guard let server = cluster.server, let scheme = URL(string: server)?.scheme, ["https", "http"].contains(scheme) else {
            throw KubernetesConfigurationError("\(place): cluster \"\(chosen.cluster)\" needs a server URL starting with https:// or http://")
        }
        var user = Kubeconfig.User()
        if let userName = chosen.user, !userName.isEmpty {
            guard let named = config.users?.first(where: { $0.name == userName })?.user else {
                throw KubernetesConfigurationError("\(place): context \"\(contextName)\" names user \"\(userName)\", which is not defined")
            }
            user = named
        }
        let userPlace = "user \"\(chosen.user ?? "")\""
        if user.exec != nil || user.authProvider != nil || user.username != nil, user.token == nil, user.tokenFile == nil,
            user.clientCertificate == nil, user.clientCertificateData == nil
        {
            throw KubernetesConfigurationError(
                "\(place): \(userPlace) uses an exec plugin, auth provider or basic auth, which are not supported; give it a token, tokenFile or client certificate"
            )
        }

        let clusterPlace = "cluster \"\(chosen.cluster)\""
        let pem = { (inline: String?, path: String?, field: String, owner: String) throws(KubernetesConfigurationError) -> TLSSettings.PEM? in
            if let inline {
                guard let bytes = Data(base64Encoded: inline, options: .ignoreUnknownCharacters) else {
                    throw KubernetesConfigurationError("\(place): \(owner) \(field)-data is not base64")
                }
                return TLSSettings.PEM(bytes: Array(bytes), label: "\(owner) \(field)-data")
            }
            return try path.map { (path) throws(KubernetesConfigurationError) in
                try TLSSettings.file(resolve(path), label: "\(owner) \(field)", place: place)
            }
        }
        let settings = TLSSettings(
            trustRoots: try pem(cluster.certificateAuthorityData, cluster.certificateAuthority, "certificate-authority", clusterPlace),
            clientCertificate: try pem(user.clientCertificateData, user.clientCertificate, "client-certificate", userPlace),
            clientKey: try pem(user.clientKeyData, user.clientKey, "client-key", userPlace),
            skipsVerification: cluster.insecureSkipTLSVerify ?? false,
            place: place
        )
        let tls = scheme == "https" ? try settings.configuration() : nil
        let token: BearerToken
        if let value = user.token, !value.isEmpty {
            token = .fixed(value)
        } else if let path = user.tokenFile {
            token = .file(resolve(path))
            do {
                _ = try token.current()
            } catch {
                throw KubernetesConfigurationError("\(place): \(userPlace): \(error)")
            }
        } else {
            token = .none
        }
        return KubernetesConnection(server: server, token: token, tls: tls, skipsTLSVerification: scheme == "https" && settings.skipsVerification)
    }

    /// A decoding error in one line: where in the file, and what.
    private static func summary(of error: any Error) -> String {
        let text: String
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            text = "\(Self.path(context.codingPath + [key])) is missing"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context), DecodingError.dataCorrupted(let context):
            text = "\(Self.path(context.codingPath)): \(context.debugDescription)"
        default:
            text = "\(error)"
        }
        return text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    /// A coding path as `users[0].user.token`.
    private static func path(_ keys: [any CodingKey]) -> String {
        keys.reduce(into: "") { path, key in
            if let index = key.intValue {
                path += "[\(index)]"
            } else {
                path += path.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
    }
}
