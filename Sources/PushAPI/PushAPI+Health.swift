import APIBodies
import GNSModel
import Hummingbird

extension PushAPI {
    /// Registers `/healthz`, `/readyz`, `/metrics`, `/version` and `/openapi.yaml`, which need no token.
    func addHealthRoutes(to router: Router<APIRequestContext>) {
        router.get("healthz") { _, _ in "ok" }
        router.get("readyz", use: readiness)
        router.get("metrics", use: renderMetrics)
        router.get("version") { _, _ in JSONAnswer(VersionInfo(version: GNSDVersion.current)) }
        router.get("openapi.yaml") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: PackageResources.openapi_yaml)))
        }
    }

    /// `GET /readyz`: 200 `ok` once gnsd serves DNS, 503 before.
    @Sendable func readiness(_ request: Request, context: APIRequestContext) async throws -> String {
        guard isReady() else {
            throw APIError(.serviceUnavailable, code: "not_ready", message: "gnsd is not serving DNS yet")
        }
        return "ok"
    }

    /// `GET /metrics`: the Prometheus text exposition.
    @Sendable func renderMetrics(_ request: Request, context: APIRequestContext) async throws -> Response {
        let text = metrics.exposition(table: table.snapshot, leaseTime: clock.now)
        return Response(
            status: .ok,
            headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: text))
        )
    }
}
