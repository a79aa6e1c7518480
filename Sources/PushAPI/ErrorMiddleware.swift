import Hummingbird
import Logging

/// Turns every error, Hummingbird's own included, into the API's JSON error response, so that
/// no error leaves in another shape.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext

    /// Runs the rest of the chain and answers any error it throws as JSON.
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            if error.status.kind == .serverError {
                context.logger.error("request failed", metadata: ["code": "\(error.code)", "message": "\(error.message)"])
            }
            return try error.response(from: request, context: context)
        } catch let error as HTTPError {
            return try Self.apiError(error).response(from: request, context: context)
        } catch {
            context.logger.error("request failed", metadata: ["error": "\(error)"])
            return try APIError(.internalServerError, code: "internal", message: "internal error").response(from: request, context: context)
        }
    }

    /// The API form of a Hummingbird error.
    private static func apiError(_ error: HTTPError) -> APIError {
        let code = switch error.status {
        case .notFound: "not_found"
        case .contentTooLarge: "body_too_large"
        default: error.status.kind == .serverError ? "internal" : "bad_request"
        }
        return APIError(error.status, code: code, message: error.body ?? error.status.reasonPhrase, headers: error.headers)
    }
}
