import APIBodies
import EndpointTable
import Foundation
import Hummingbird
import NIOSSL
import ServerTLS

/// Establishes the caller from `Authorization: Bearer <token>` (the token's SHA-256 compared
/// with the configured hashes in constant time) or, for browsers on the status page,
/// `Authorization: Basic` with the token as the password, and, over mutual TLS, from the client
/// certificate (``ClientIdentities``); refuses with 401 and `WWW-Authenticate: Bearer`.
///
/// Either credential alone names the caller; when a request carries both, they must name the
/// same one, so a stolen token cannot be used from another cluster's certificate.
struct Authenticator: RouterMiddleware {
    typealias Context = APIRequestContext

    private let openMode: Bool
    private let adminTokenHash: [UInt8]?
    private let clusterTokens: [(id: ClusterID, hash: [UInt8])]
    private let clientIdentities: ClientIdentities?
    private let audit: AuditTrail

    /// An authenticator for the tokens and identities in `settings`; with none, every caller is
    /// ``Caller/open``. A refused write is recorded in `audit`.
    init(settings: APISettings, audit: AuditTrail) {
        openMode = settings.openMode
        adminTokenHash = settings.adminTokenHash
        clusterTokens = settings.clusterTokens.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        clientIdentities = settings.clientIdentities
        self.audit = audit
    }

    /// Sets the caller and its credential on the context, or refuses with 401 (recording a
    /// refused write in the audit trail).
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let certificate = (clientIdentities == nil ? nil : try? await context.channel.nioSSL_peerCertificate().get()).map(PeerNames.init)
        let authorization = request.headers[.authorization]
        context.credential = Self.credential(authorization: authorization, certificate: certificate)
        do {
            context.caller = try caller(authorization: authorization, certificate: certificate)
        } catch {
            if let write = PushKind.write(method: request.method, path: request.uri.path) {
                audit.record(
                    AuditRecord(
                        refused: error, action: write.kind, cluster: ClusterID(write.cluster)?.name, caller: "unknown by \(context.credential)"))
            }
            throw error
        }
        return try await next(request, context)
    }

    /// The credentials a request carries, in words for the audit trail.
    private static func credential(authorization: String?, certificate: PeerNames?) -> String {
        let token = authorization.flatMap(token)?.scheme
        let names = certificate.map { "client certificate " + ($0.all.first ?? "without names") }
        let shown = [token, names].compactMap { $0 }
        return shown.isEmpty ? "no credential" : shown.joined(separator: " and ")
    }

    /// The caller an `Authorization` header value and the names of a client certificate identify.
    func caller(authorization: String?, certificate: PeerNames?) throws(APIError) -> Caller {
        if openMode {
            return .open
        }
        let byCertificate = certificate.flatMap { names in clientIdentities?.caller(names) }
        guard let token = authorization.flatMap(Self.token)?.token else {
            if let byCertificate {
                return byCertificate
            }
            guard let certificate else {
                let required = clientIdentities == nil ? "an Authorization: Bearer token" : "an Authorization: Bearer token or a client certificate"
                throw .unauthorized("\(required) is required", bearerError: nil)
            }
            let names = certificate.all.isEmpty ? "no names" : certificate.all.joined(separator: ", ")
            throw .unauthorized("the client certificate (\(names)) names no cluster or admin, and no bearer token was sent", bearerError: nil)
        }
        let byToken = try caller(token: token)
        if let byCertificate, byCertificate != byToken {
            throw .unauthorized("the bearer token names \(byToken) but the client certificate names \(byCertificate)", bearerError: "invalid_token")
        }
        return byToken
    }

    /// The caller `token` identifies.
    private func caller(token: String) throws(APIError) -> Caller {
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

    /// The token of a `Bearer <token>` credential, or the password of a `Basic` one (schemes
    /// matched case-insensitively), with the scheme in words.
    private static func token(_ authorization: String) -> (token: String, scheme: String)? {
        let parts = authorization.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2 else { return nil }
        let credentials = parts[1].trimmingCharacters(in: .whitespaces)
        switch parts[0].lowercased() {
        case "bearer":
            return credentials.isEmpty ? nil : (credentials, "bearer token")
        case "basic":
            guard let decoded = Data(base64Encoded: credentials).flatMap({ String(data: $0, encoding: .utf8) }),
                let colon = decoded.firstIndex(of: ":")
            else { return nil }
            let password = String(decoded[decoded.index(after: colon)...])
            return password.isEmpty ? nil : (password, "token as basic password")
        default:
            return nil
        }
    }

    /// Compares two hashes in time independent of where they differ.
    static func constantTimeEqual(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        guard lhs.count == rhs.count else { return false }
        return zip(lhs, rhs).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
