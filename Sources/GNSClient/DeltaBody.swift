public import GNSModel

/// The body of `PATCH /v1/clusters/{cluster}/exports` (the OpenAPI `Delta` schema): edits
/// against the cluster's current generation, applied as upserts, then removals, then readiness
/// changes.
///
///     let delta = DeltaBody(baseGeneration: 8, generation: 9, readiness: [ReadinessBody(service: key, address: pod, ready: false)])
///     let result = try await client.applyDelta(cluster: id, delta)
public struct DeltaBody: Codable, Hashable, Sendable {
    /// Must equal the cluster's current generation.
    public var baseGeneration: UInt64
    /// Must be above `baseGeneration`.
    public var generation: UInt64
    public var upsert: [ExportBody]?
    public var remove: [ServiceRefBody]?
    public var readiness: [ReadinessBody]?

    /// A delta of the table's model: exports to add or replace whole, services to remove, and
    /// readiness changes.
    public init(
        baseGeneration: UInt64, generation: UInt64, upsert: [ServiceExport] = [], remove: [ServiceKey] = [],
        readiness: [ReadinessBody] = []
    ) {
        self.baseGeneration = baseGeneration
        self.generation = generation
        self.upsert = upsert.map(ExportBody.init)
        self.remove = remove.map(ServiceRefBody.init)
        self.readiness = readiness
    }
}

/// A service a delta removes (the OpenAPI `ServiceRef` schema).
public struct ServiceRefBody: Codable, Hashable, Sendable {
    public var namespace: String
    public var name: String

    /// The reference to `key`.
    public init(_ key: ServiceKey) {
        namespace = key.namespace
        name = key.name
    }
}

/// A readiness change in a delta (the OpenAPI `ReadinessChange` schema): every endpoint of the
/// service with `address` becomes ready or not.
public struct ReadinessBody: Codable, Hashable, Sendable {
    public var namespace: String
    public var name: String
    public var address: String
    public var ready: Bool

    /// Marks the endpoints of `service` with `address` ready or not.
    public init(service: ServiceKey, address: IPAddress, ready: Bool) {
        namespace = service.namespace
        name = service.name
        self.address = address.description
        self.ready = ready
    }
}
