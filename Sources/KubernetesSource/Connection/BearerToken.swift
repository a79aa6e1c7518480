internal import Foundation

/// Where the bearer token of each request comes from.
enum BearerToken: Sendable, Equatable {
    case none
    /// A token given in the kubeconfig.
    case fixed(String)
    /// A token file, read again for every request so that a rotated service-account token is picked up.
    case file(String)

    /// The token to send now, if any.
    func current() throws(KubernetesAPIError) -> String? {
        switch self {
        case .none: return nil
        case .fixed(let token): return token
        case .file(let path):
            guard let data = FileManager.default.contents(atPath: path) else {
                throw .token("cannot read the token file \(path)")
            }
            let token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            guard !token.isEmpty else { throw .token("the token file \(path) is empty") }
            return token
        }
    }
}
