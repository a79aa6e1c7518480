/// The body of `GET /v1/clusters/{cluster}/exports` (the OpenAPI `ClusterExports` schema): the
/// cluster's exports, ordered by service, in the form they were pushed.
public struct ClusterExports: Codable, Hashable, Sendable {
    public var cluster: String
    public var generation: UInt64
    public var exports: [ExportBody]

    /// The exports of `cluster` at `generation`.
    public init(cluster: String, generation: UInt64, exports: [ExportBody]) {
        self.cluster = cluster
        self.generation = generation
        self.exports = exports
    }
}
