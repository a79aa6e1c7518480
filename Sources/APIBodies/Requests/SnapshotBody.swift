public import GNSModel

/// The body of `PUT /v1/clusters/{cluster}/snapshot` (the OpenAPI `Snapshot` schema):
/// everything a cluster exports, under a generation above the cluster's current one.
///
///     let body = SnapshotBody(generation: 8, cluster: ClusterInfo(region: "us-west"), exports: exports)
///     let result = try await client.putSnapshot(cluster: id, body)
public struct SnapshotBody: Codable, Hashable, Sendable {
    public var generation: UInt64
    public var cluster: ClusterInfoBody?
    public var exports: [ExportBody]
    /// True when the agent means every withdrawal in the snapshot: the withdrawal guard holds
    /// none and releases the cluster's held ones. Absent means false.
    public var intended: Bool?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case generation, cluster, exports, intended
    }

    /// A snapshot with every member given.
    public init(generation: UInt64, cluster: ClusterInfoBody? = nil, exports: [ExportBody], intended: Bool? = nil) {
        self.generation = generation
        self.cluster = cluster
        self.exports = exports
        self.intended = intended
    }

    /// The snapshot of the model: where the cluster runs and what it exports.
    public init(generation: UInt64, cluster: ClusterInfo, exports: [ServiceExport], intended: Bool? = nil) {
        self.init(generation: generation, cluster: ClusterInfoBody(cluster), exports: exports.map(ExportBody.init), intended: intended)
    }

    /// Decodes the body, refusing unknown members, `null` and a generation out of range.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
        generation = try container.decode(GenerationNumber.self, forKey: .generation).value
        cluster = try container.decodeUnlessAbsent(ClusterInfoBody.self, forKey: .cluster)
        exports = try container.decode([ExportBody].self, forKey: .exports)
        intended = try container.decodeUnlessAbsent(Bool.self, forKey: .intended)
    }
}

/// Where a cluster runs, as its agent describes it (the OpenAPI `ClusterInfo` schema).
public struct ClusterInfoBody: Codable, Hashable, Sendable {
    public var region: String?
    public var zone: String?
    public var labels: [String: String]?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case region, zone, labels
    }

    /// Cluster information with every member given.
    public init(region: String? = nil, zone: String? = nil, labels: [String: String]? = nil) {
        self.region = region
        self.zone = zone
        self.labels = labels
    }

    /// The body of `info`.
    public init(_ info: ClusterInfo) {
        self.init(region: info.region, zone: info.zone, labels: info.labels)
    }

    /// Decodes the body, refusing unknown members and `null`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
        region = try container.decodeUnlessAbsent(String.self, forKey: .region)
        zone = try container.decodeUnlessAbsent(String.self, forKey: .zone)
        labels = try container.decodeUnlessAbsent([String: String].self, forKey: .labels)
    }
}
