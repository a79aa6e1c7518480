import APIBodies
import EndpointTable
import GNSModel
import Hummingbird

extension PushAPI {
    /// Registers `GET /v1/status`.
    func addStatusRoutes(to group: RouterGroup<APIRequestContext>) {
        group.get("status", use: status)
    }

    /// `GET /v1/status`: version, uptime, zones with serials, the last zone reload, clusters by
    /// lease state, and the query and push rates; any authenticated caller may read it.
    @Sendable func status(_ request: Request, context: APIRequestContext) async throws -> JSONAnswer<ServerStatus> {
        let snapshot = table.snapshot
        let dynamic = Set(answerSource.settings.dynamicDomains)
        let zones = answerSource.zoneSet.zones.sorted { $0.origin.description < $1.origin.description }.map { zone in
            ServerStatus.ZoneStatus(
                name: zone.origin.description, serial: zone.serial, records: zone.recordCount, dynamic: dynamic.contains(zone.origin))
        }
        let leases = snapshot.clusters.values.map(\.lease)
        let uptime = ContinuousClock.now - statusSource.startedAt
        let (queries, pushes) = metrics.activity()
        return JSONAnswer(
            ServerStatus(
                version: GNSDVersion.current,
                uptimeSeconds: uptime.inSeconds.rounded(),
                zones: zones, lastZoneReload: statusSource.lastZoneReload(),
                clusters: ServerStatus.ClusterCounts(
                    live: leases.count { $0 == .live }, stale: leases.count { $0 == .stale }, expired: leases.count { $0 == .expired }),
                services: snapshot.services.count, endpoints: snapshot.clusters.values.reduce(0) { $0 + $1.endpointCount },
                queries: queries, pushes: pushes))
    }
}
