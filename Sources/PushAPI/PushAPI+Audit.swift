import APIBodies
import EndpointTable
import Foundation
import Hummingbird

extension PushAPI {
    /// Registers `GET /v1/audit`, the audit trail of writes.
    func addAuditRoutes(to group: RouterGroup<APIRequestContext>) {
        group.get("audit", use: auditLog)
    }

    /// `GET /v1/audit?cluster=&since=&until=&limit=`: the newest records (at most `limit`, 1000
    /// by default) of `cluster` from `since` to `until` (RFC 3339), oldest first; admin only.
    @Sendable func auditLog(_ request: Request, context: APIRequestContext) async throws -> JSONAnswer<AuditLog> {
        guard context.caller?.mayAdminister == true else {
            throw APIError.forbidden("only an admin reads the audit trail")
        }
        let parameters = Dictionary(request.uri.queryParameters.map { (String($0.key), String($0.value)) }, uniquingKeysWith: { first, _ in first })
        let cluster = try parameters["cluster"].map { (text) throws(APIError) in
            guard let id = ClusterID(text) else { throw .invalid(FieldPath("cluster"), DNSLabel.rule) }
            return id.name
        }
        let since = try parameters["since"].map { try Self.time($0, parameter: "since") }
        let until = try parameters["until"].map { try Self.time($0, parameter: "until") }
        let limit = try parameters["limit"].map { (text) throws(APIError) in
            guard let limit = Int(text), (1...Self.maxAuditRecordsListed).contains(limit) else {
                throw .invalid(FieldPath("limit"), "must be a whole number from 1 to \(Self.maxAuditRecordsListed)")
            }
            return limit
        }
        return JSONAnswer(audit.log(cluster: cluster, since: since, until: until, limit: limit ?? 1000))
    }

    /// The most records one `GET /v1/audit` lists.
    static let maxAuditRecordsListed = 10_000

    /// The time `text` gives (RFC 3339, with or without fractions of a second), or a 422 naming `parameter`.
    private static func time(_ text: String, parameter: String) throws(APIError) -> Date {
        let styles = [Date.ISO8601FormatStyle(includingFractionalSeconds: true), Date.ISO8601FormatStyle()]
        guard let time = styles.lazy.compactMap({ try? $0.parse(text) }).first else {
            throw .invalid(FieldPath(parameter), "must be a time such as 2026-12-07T10:00:00Z (RFC 3339)")
        }
        return time
    }

    /// Runs one write of `kind`: counts its result in `gnsd_pushes_total` and records it in the
    /// audit trail, accepted (with what `write` reports through its note) or refused. Accepted
    /// heartbeats are counted, not recorded.
    func audited<Result>(
        _ kind: PushKind, _ context: APIRequestContext, _ write: (inout AuditNote) async throws(APIError) -> Result
    ) async throws(APIError) -> Result {
        let cluster = context.parameters.get("cluster").flatMap(ClusterID.init)
        let caller = "\(context.caller?.description ?? "unknown") by \(context.credential)"
        var note = AuditNote()
        do {
            let result = try await write(&note)
            metrics.recordPush(kind: kind, result: "accepted")
            guard let cluster, let transition = note.transition else { return result }
            logLifecycle(of: cluster, from: transition.before.clusters[cluster], to: transition.after.clusters[cluster], caller: caller)
            if kind == .heartbeat {
                audit.countHeartbeat(of: cluster)
                return result
            }
            if kind == .delete {
                audit.forgetHeartbeats(of: cluster)
            }
            audit.record(
                AuditRecord(
                    sequence: 0, time: "", action: kind.rawValue, cluster: cluster.name, caller: caller, result: "accepted",
                    status: kind == .delete ? 204 : 200, previousGeneration: transition.before.clusters[cluster]?.generation,
                    generation: transition.after.clusters[cluster]?.generation,
                    summary: AuditSummary(cluster: cluster, before: transition.before, after: transition.after, keys: note.keys)))
            return result
        } catch {
            metrics.recordPush(kind: kind, result: error.code)
            var record = AuditRecord(refused: error, action: kind, cluster: cluster?.name, caller: caller)
            record.previousGeneration = cluster.flatMap { table.snapshot.clusters[$0]?.generation }
            audit.record(record)
            throw error
        }
    }
}

extension PushAPI {
    /// One line when a write registers a cluster, deletes it, or brings it back live from stale
    /// or expired (a lapse and expiry are logged by the lease monitor).
    private func logLifecycle(of id: ClusterID, from before: ClusterState?, to after: ClusterState?, caller: String) {
        switch (before, after) {
        case (nil, let after?):
            logger.info(
                "cluster registered",
                metadata: [
                    "cluster": "\(id)", "region": "\(after.info.region ?? "-")", "zone": "\(after.info.zone ?? "-")",
                    "endpoints": "\(after.endpointCount)", "caller": "\(caller)",
                ])
        case (let before?, nil):
            logger.notice(
                "cluster deleted: its names are no longer answered",
                metadata: ["cluster": "\(id)", "was": "\(before.lease.rawValue)", "caller": "\(caller)"])
        case (let before?, let after?) where before.lease != .live && after.lease == .live:
            logger.notice("cluster live again", metadata: ["cluster": "\(id)", "was": "\(before.lease.rawValue)"])
        default:
            break
        }
    }
}

/// What a write tells ``PushAPI/audited(_:_:_:)`` for its audit record.
struct AuditNote: Sendable {
    /// The table before and after the write, once applied.
    var transition: (before: TableSnapshot, after: TableSnapshot)?
    /// The services a delta touched; `nil` for every service of the cluster.
    var keys: Set<ServiceKey>?
}

extension AuditRecord {
    /// The longest refusal message a record keeps, in characters: a message can quote what the
    /// caller sent, and the trail must not hold a request body per record.
    static let maxMessageLength = 300

    /// The record of a write of `kind` refused with `error`, its message cut at ``maxMessageLength``.
    init(refused error: APIError, action kind: PushKind, cluster: String?, caller: String) {
        let message = error.message.count > Self.maxMessageLength ? error.message.prefix(Self.maxMessageLength) + "…" : error.message
        self.init(
            sequence: 0, time: "", action: kind.rawValue, cluster: cluster, caller: caller, result: "refused", status: Int(error.status.code),
            error: error.code, message: message)
    }
}
