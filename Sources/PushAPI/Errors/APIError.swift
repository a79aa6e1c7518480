import APIBodies
import Hummingbird

/// A refusal answered with a 4xx or 5xx status and the body
/// `{"error": {"code": "...", "message": "...", "field": "..."}}`.
///
/// `field` names the part of the request at fault (`exports[2].endpoints[0].addresses[1]`,
/// or `cluster` for the path); `currentGeneration` accompanies the 409 codes. `detail`, the
/// internal cause (a store's error text, a file path), goes to the log and never to the caller.
struct APIError: Error, HTTPResponseError, Hashable {
    var status: HTTPResponse.Status
    /// A stable machine-readable reason, such as `invalid` or `stale_generation`.
    var code: String
    /// A human-readable explanation.
    var message: String
    /// The request field at fault, if one is.
    var field: String?
    /// The cluster's current generation, for the 409 codes.
    var currentGeneration: UInt64?
    /// Extra response headers, such as `WWW-Authenticate` on 401.
    var headers: HTTPFields
    /// The internal cause, for the log only.
    var detail: String?

    /// An error with `status` and `code`.
    init(
        _ status: HTTPResponse.Status,
        code: String,
        message: String,
        field: String? = nil,
        currentGeneration: UInt64? = nil,
        headers: HTTPFields = [:]
    ) {
        self.status = status
        self.code = code
        self.message = message
        self.field = field
        self.currentGeneration = currentGeneration
        self.headers = headers
        detail = nil
    }

    /// This error with `cause` kept for the log.
    func logging(_ cause: any Error) -> APIError {
        var error = self
        error.detail = String(describing: cause)
        return error
    }

    /// The JSON error response.
    func response(from request: Request, context: some RequestContext) throws -> Response {
        let body = ErrorBody(code: code, message: message, field: field, currentGeneration: currentGeneration)
        var response = try context.responseEncoder.encode(body, from: request, context: context)
        response.status = status
        response.headers.append(contentsOf: headers)
        return response
    }
}

extension APIError {
    /// 422: a field breaks a rule; nothing was changed.
    static func invalid(_ field: FieldPath, _ message: String) -> APIError {
        APIError(.unprocessableContent, code: "invalid", message: message, field: field.description)
    }

    /// 400: the body is not JSON, or not a JSON object.
    /// 503: gnsd is shutting down and takes no more writes.
    static let shuttingDown = APIError(.serviceUnavailable, code: "shutting_down", message: "gnsd is shutting down; nothing changed")

    static func malformedJSON(_ message: String) -> APIError {
        APIError(.badRequest, code: "malformed_json", message: message)
    }

    /// 415: the body is not declared as JSON.
    static let unsupportedMediaType = APIError(
        .unsupportedMediaType, code: "unsupported_media_type", message: "the body must be sent as Content-Type: application/json")

    /// 422: the push would take the cluster past one of its quotas.
    static func quotaExceeded(_ field: FieldPath, _ message: String) -> APIError {
        APIError(.unprocessableContent, code: "quota_exceeded", message: message, field: field.description)
    }

    /// 413: the body is larger than `limit` bytes.
    static func bodyTooLarge(limit: Int) -> APIError {
        APIError(.contentTooLarge, code: "body_too_large", message: "the request body exceeds \(limit) bytes")
    }

    /// 404: the cluster has not pushed a snapshot, or was deleted.
    static func unknownCluster(_ cluster: String) -> APIError {
        APIError(.notFound, code: "unknown_cluster", message: "cluster \(cluster) is not known; send a snapshot first", field: "cluster")
    }

    /// 403: the caller's token does not allow the request.
    static func forbidden(_ message: String) -> APIError {
        APIError(.forbidden, code: "forbidden", message: message)
    }

    /// 401: no token, or one that is not configured.
    static func unauthorized(_ message: String, bearerError: String?) -> APIError {
        let challenge = bearerError.map { "Bearer realm=\"gnsd\", error=\"\($0)\"" } ?? "Bearer realm=\"gnsd\""
        return APIError(.unauthorized, code: "unauthorized", message: message, headers: [.wwwAuthenticate: challenge])
    }
}
