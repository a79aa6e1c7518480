import APIBodies
import Authority
import EndpointTable
import Hummingbird

extension PushAPI {
    /// Registers `GET /v1/services`, the merged view of every service over its clusters, and
    /// `GET /v1/explain`, what DNS answers for a name and client and why.
    func addServiceRoutes(to group: RouterGroup<APIRequestContext>) {
        group.get("services", use: listServices)
        group.get("explain", use: explain)
    }

    /// `GET /v1/services`: every service merged over its clusters.
    @Sendable func listServices(_ request: Request, context: APIRequestContext) async throws -> JSONAnswer<ServiceList> {
        let snapshot = table.snapshot
        let entries = snapshot.services.values.sorted { $0.key < $1.key }
        return JSONAnswer(ServiceList(services: entries.map { ServiceView($0, in: snapshot) }))
    }

    /// `GET /v1/explain?name=&type=&client=&subnet=`: the answer source's explanation.
    @Sendable func explain(_ request: Request, context: APIRequestContext) async throws -> JSONAnswer<Explanation> {
        let parameters = Dictionary(request.uri.queryParameters.map { (String($0.key), String($0.value)) }, uniquingKeysWith: { first, _ in first })
        let query = try ExplainQuery(parameters)
        return JSONAnswer(answerSource.explain(query.name, type: query.type, client: query.client))
    }
}
