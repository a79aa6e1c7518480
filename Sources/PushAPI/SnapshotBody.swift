import EndpointTable

/// The body of `PUT /v1/clusters/{cluster}/snapshot`: everything the cluster exports.
struct SnapshotBody: Decodable, Sendable {
    /// Must be above the cluster's current generation.
    var generation: JSONInteger<UInt64>
    var cluster: ClusterInfoBody?
    var exports: [ExportBody]

    /// The table change this body asks for, or a 422 naming the first field at fault.
    func change(for id: ClusterID, maxEndpoints: Int) throws(APIError) -> TableChange {
        let services = try Validation.exports(exports, at: FieldPath("exports"), maxEndpoints: maxEndpoints)
        return .snapshot(id, generation: generation.value, info: cluster?.info ?? ClusterInfo(), exports: services)
    }
}

/// Where a cluster runs, as an agent describes it.
struct ClusterInfoBody: Codable, Hashable, Sendable {
    var region: String?
    var zone: String?
    var labels: [String: String]?

    /// The table's form of this body.
    var info: ClusterInfo {
        ClusterInfo(region: region, zone: zone, labels: labels ?? [:])
    }
}
