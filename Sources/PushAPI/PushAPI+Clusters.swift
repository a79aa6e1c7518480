import APIBodies
import EndpointTable
import Hummingbird

extension PushAPI {
    /// Registers the `/v1/clusters` routes: pushes, heartbeats, listings and deletion.
    func addClusterRoutes(to group: RouterGroup<APIRequestContext>) {
        group.get("clusters", use: listClusters)
        group.put("clusters/:cluster/snapshot", use: putSnapshot)
        group.patch("clusters/:cluster/exports", use: patchExports)
        group.get("clusters/:cluster/exports", use: listExports)
        group.post("clusters/:cluster/heartbeat", use: heartbeat)
        group.delete("clusters/:cluster", use: deleteCluster)
        group.post("clusters/:cluster/release", use: releaseWithdrawals)
    }

    /// `PUT /v1/clusters/{cluster}/snapshot`: replaces everything the cluster exports.
    @Sendable func putSnapshot(_ request: Request, context: APIRequestContext) async throws -> JSONAnswer<PushResult> {
        try await audited(.snapshot, context) { (note: inout AuditNote) async throws(APIError) in
            let id = try writableCluster(context)
            let (answer, applied) = try await decode(SnapshotBody.self, from: request) { body throws(APIError) in
                var note = AuditNote()
                let snapshot = try apply(try body.change(for: id, settings: settings), note: &note)
                return (JSONAnswer(PushResult(cluster: id, in: snapshot, now: clock.now)), note)
            }
            note = applied
            return answer
        }
    }

    /// `PATCH /v1/clusters/{cluster}/exports`: applies a delta against the current generation.
    @Sendable func patchExports(_ request: Request, context: APIRequestContext) async throws -> JSONAnswer<PushResult> {
        try await audited(.delta, context) { (note: inout AuditNote) async throws(APIError) in
            let id = try writableCluster(context)
            let (answer, applied) = try await decode(DeltaBody.self, from: request) { body throws(APIError) in
                let change = try body.change(for: id, settings: settings, holding: table.snapshot)
                var note = AuditNote(keys: change.services)
                let snapshot = try apply(change, note: &note, field: body.field)
                return (JSONAnswer(PushResult(cluster: id, in: snapshot, now: clock.now)), note)
            }
            note = applied
            return answer
        }
    }

    /// `POST /v1/clusters/{cluster}/heartbeat`: renews the lease.
    @Sendable func heartbeat(_ request: Request, context: APIRequestContext) async throws -> JSONAnswer<PushResult> {
        try await audited(.heartbeat, context) { (note: inout AuditNote) async throws(APIError) in
            let id = try writableCluster(context)
            return JSONAnswer(PushResult(cluster: id, in: try apply(.heartbeat(id), note: &note), now: clock.now))
        }
    }

    /// `DELETE /v1/clusters/{cluster}`: forgets the cluster; admin only.
    @Sendable func deleteCluster(_ request: Request, context: APIRequestContext) async throws -> HTTPResponse.Status {
        try await audited(.delete, context) { (note: inout AuditNote) async throws(APIError) in
            let id = try Self.clusterID(context)
            guard context.caller?.mayAdminister == true else {
                throw .forbidden("only an admin deletes clusters")
            }
            try apply(.deleteCluster(id), note: &note)
            return .noContent
        }
    }

    /// `POST /v1/clusters/{cluster}/release`: applies the withdrawals the guard holds for the
    /// cluster at once; admin only.
    @Sendable func releaseWithdrawals(_ request: Request, context: APIRequestContext) async throws -> JSONAnswer<PushResult> {
        try await audited(.release, context) { (note: inout AuditNote) async throws(APIError) in
            let id = try Self.clusterID(context)
            guard context.caller?.mayAdminister == true else {
                throw .forbidden("only an admin releases held withdrawals")
            }
            return JSONAnswer(PushResult(cluster: id, in: try apply(.releaseWithdrawals(id), note: &note), now: clock.now))
        }
    }

    /// `GET /v1/clusters`: every cluster with its lease.
    @Sendable func listClusters(_ request: Request, context: APIRequestContext) async throws -> JSONAnswer<ClusterList> {
        let snapshot = table.snapshot
        let now = clock.now
        return JSONAnswer(ClusterList(clusters: snapshot.clusters.values.sorted { $0.id < $1.id }.map { ClusterView($0, now: now) }))
    }

    /// `GET /v1/clusters/{cluster}/exports`: the cluster's exports in the pushed shape.
    @Sendable func listExports(_ request: Request, context: APIRequestContext) async throws -> JSONAnswer<ClusterExports> {
        let id = try Self.clusterID(context)
        let snapshot = table.snapshot
        guard let state = snapshot.clusters[id] else { throw APIError.unknownCluster(id.name) }
        let exports = snapshot.pushedExports(of: id).values.sorted { $0.key < $1.key }
        return JSONAnswer(ClusterExports(cluster: id.name, generation: state.generation, exports: exports.map(ExportBody.init)))
    }

    /// The cluster in the path, if the caller may write it.
    private func writableCluster(_ context: APIRequestContext) throws(APIError) -> ClusterID {
        let id = try Self.clusterID(context)
        guard context.caller?.mayWrite(id) == true else {
            throw .forbidden("\(context.caller?.description ?? "this caller") may not write cluster \(id)")
        }
        return id
    }

    /// The cluster id in the path; 422 unless it is an RFC 1123 label.
    private static func clusterID(_ context: APIRequestContext) throws(APIError) -> ClusterID {
        guard let id = context.parameters.get("cluster").flatMap(ClusterID.init) else {
            throw .invalid(FieldPath("cluster"), DNSLabel.rule)
        }
        return id
    }

    /// Applies `change`, noting the transition for the audit trail; a refusal names the request
    /// field that `field` points it at.
    @discardableResult
    private func apply(
        _ change: TableChange, note: inout AuditNote, field: (TableError) -> String? = { _ in nil }
    ) throws(APIError) -> TableSnapshot {
        do {
            let transition = try table.applyTransition(change)
            note.transition = transition
            return transition.after
        } catch {
            throw APIError(error, field: field(error))
        }
    }
}
