import EndpointTable
import Foundation
import Hummingbird

/// Establishes the caller from `Authorization: Bearer <token>`, comparing the token's SHA-256
/// with the configured hashes in constant time; refuses with 401 and `WWW-Authenticate: Bearer`.
struct Authenticator: RouterMiddleware {
    typealias Context = APIRequestContext

    private let openMode: Bool
    private let adminTokenHash: [UInt8]?
    private let clusterTokens: [(id: ClusterID, hash: [UInt8])]

    /// An authenticator for the tokens in `settings`; with none, every caller is ``Caller/open``.
    init(settings: APISettings) {
        openMode = settings.openMode
        adminTokenHash = settings.adminTokenHash
        clusterTokens = settings.clusterTokens.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// Sets the caller on the context, or refuses with 401.
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        context.caller = try caller(authorization: request.headers[.authorization])
        return try await next(request, context)
    }

    /// The caller an `Authorization` header value identifies.
    func caller(authorization: String?) throws(APIError) -> Caller {
        if openMode {
            return .open
        }
        guard let token = authorization.flatMap(Self.bearerToken) else {
            throw .unauthorized("an Authorization: Bearer token is required", bearerError: nil)
        }
        let hash = APISettings.tokenHash(token)
        var caller: Caller?
        if let adminTokenHash, Self.constantTimeEqual(adminTokenHash, hash) {
            caller = .admin
        }
        for (id, expected) in clusterTokens where Self.constantTimeEqual(expected, hash) {
            caller = caller ?? .cluster(id)
        }
        guard let caller else {
            throw .unauthorized("the bearer token is not valid", bearerError: "invalid_token")
        }
        return caller
    }

    /// The token of a `Bearer <token>` credential (scheme matched case-insensitively).
    private static func bearerToken(_ authorization: String) -> String? {
        let parts = authorization.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        return token.isEmpty ? nil : token
    }

    /// Compares two hashes in time independent of where they differ.
    static func constantTimeEqual(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        guard lhs.count == rhs.count else { return false }
        return zip(lhs, rhs).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
