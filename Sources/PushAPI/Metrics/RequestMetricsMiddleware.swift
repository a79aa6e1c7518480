import Hummingbird

/// Counts every API request by route (the path template; Hummingbird's `NotFound` for a path no
/// route serves), method and status, and times it by route: the outermost middleware, so it sees the
/// status an error became.
struct RequestMetricsMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext
    let metrics: any PushAPIMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let status: HTTPResponse.Status
        defer {
            metrics.recordRequest(
                route: context.endpointPath ?? "NotFound", method: request.method.rawValue, status: Int(status.code),
                duration: ContinuousClock.now - start)
        }
        do {
            let response = try await next(request, context)
            status = response.status
            return response
        } catch {
            status = (error as? any HTTPResponseError)?.status ?? .internalServerError
            throw error
        }
    }
}
