import APIBodies
import HTTPTypes
import Hummingbird

extension PushAPI {
    /// Registers `GET /ui`, the status page, and `GET /ui/explain`, the page with an explanation.
    func addStatusPageRoutes(to group: RouterGroup<APIRequestContext>) {
        group.get(use: statusPage)
        group.get("explain", use: explainPage)
    }

    /// `GET /ui`: the status page, for any caller who may read the API.
    @Sendable func statusPage(_ request: Request, context: APIRequestContext) async throws -> Response {
        Self.htmlResponse(try await overview(request, context: context).html, status: .ok)
    }

    /// `GET /ui/explain?name=&type=&client=&subnet=`: the page with what DNS answers for the
    /// name and why, or with the refusal (422) naming the parameter at fault.
    @Sendable func explainPage(_ request: Request, context: APIRequestContext) async throws -> Response {
        let parameters = Dictionary(request.uri.queryParameters.map { (String($0.key), String($0.value)) }, uniquingKeysWith: { first, _ in first })
        var page = try await overview(request, context: context)
        page.form = parameters
        do {
            let query = try ExplainQuery(parameters)
            page.explained = .answer(answerSource.explain(query.name, type: query.type, client: query.client))
            return Self.htmlResponse(page.html, status: .ok)
        } catch {
            page.explained = .refused(field: error.field, message: error.message)
            return Self.htmlResponse(page.html, status: error.status)
        }
    }

    /// The page's tables, from the same views as `/v1/status`, `/v1/clusters` and `/v1/services`.
    private func overview(_ request: Request, context: APIRequestContext) async throws -> StatusPage {
        StatusPage(
            status: try await status(request, context: context).body, clusters: try await listClusters(request, context: context).body,
            services: try await listServices(request, context: context).body)
    }

    /// HTML that may use only its own inline style: no script, no frame, nothing from elsewhere.
    private static func htmlResponse(_ html: String, status: HTTPResponse.Status) -> Response {
        Response(
            status: status,
            headers: [
                .contentType: "text/html; charset=utf-8", .cacheControl: "no-store",
                .contentSecurityPolicy: "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
                HTTPField.Name("X-Content-Type-Options")!: "nosniff",
            ],
            body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    }
}

/// Asks a browser for credentials on the status page's 401, beside the API's `Bearer`
/// challenge: `Basic`, whose password is an API token (the user name is ignored), so that the
/// page works without any script setting headers.
struct BrowserLoginChallenge: RouterMiddleware {
    typealias Context = APIRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch var error as APIError where error.status == .unauthorized {
            error.headers.append(HTTPField(name: .wwwAuthenticate, value: #"Basic realm="gnsd", charset="UTF-8""#))
            throw error
        }
    }
}
