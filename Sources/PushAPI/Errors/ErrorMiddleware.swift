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
            Self.log(error, context: context)
            return try error.response(from: request, context: context)
        } catch let error as HTTPError {
            let answer = Self.apiError(error)
            Self.log(answer, context: context)
            return try answer.response(from: request, context: context)
        } catch {
            context.logger.error("request failed", metadata: ["error": "\(error)"])
            return try APIError(.internalServerError, code: "internal", message: "internal error").response(from: request, context: context)
        }
    }

    /// Logs a refusal: a server error at error level, a client error whose internal cause is
    /// kept at debug level.
    private static func log(_ error: APIError, context: Context) {
        var metadata: Logger.Metadata = ["code": "\(error.code)", "message": "\(error.message)"]
        if let detail = error.detail {
            metadata["detail"] = "\(detail)"
        }
        if error.status.kind == .serverError {
            context.logger.error("request failed", metadata: metadata)
        } else if error.detail != nil {
            context.logger.debug("request refused", metadata: metadata)
        }
    }

    /// The API form of a Hummingbird error; a server error's own text goes to the log only.
    private static func apiError(_ error: HTTPError) -> APIError {
        let code =
            switch error.status {
            case .notFound: "not_found"
            case .contentTooLarge: "body_too_large"
            default: error.status.kind == .serverError ? "internal" : "bad_request"
            }
        guard error.status.kind != .serverError else {
            var answer = APIError(error.status, code: code, message: "internal error", headers: error.headers)
            answer.detail = error.body
            return answer
        }
        return APIError(error.status, code: code, message: error.body ?? error.status.reasonPhrase, headers: error.headers)
    }
}
