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
    /// True when the agent means every withdrawal in the delta (see ``SnapshotBody/intended``).
    public var intended: Bool?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case baseGeneration, generation, upsert, remove, readiness, intended
    }

    /// A delta of the model: exports to add or replace whole, services to remove, and
    /// readiness changes.
    public init(
        baseGeneration: UInt64, generation: UInt64, upsert: [ServiceExport] = [], remove: [ServiceKey] = [],
        readiness: [ReadinessBody] = [], intended: Bool? = nil
    ) {
        self.baseGeneration = baseGeneration
        self.generation = generation
        self.upsert = upsert.map(ExportBody.init)
        self.remove = remove.map(ServiceRefBody.init)
        self.readiness = readiness
        self.intended = intended
    }

    /// Decodes the body, refusing unknown members, `null` and generations out of range.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
        baseGeneration = try container.decode(GenerationNumber.self, forKey: .baseGeneration).value
        generation = try container.decode(GenerationNumber.self, forKey: .generation).value
        upsert = try container.decodeUnlessAbsent([ExportBody].self, forKey: .upsert)
        remove = try container.decodeUnlessAbsent([ServiceRefBody].self, forKey: .remove)
        readiness = try container.decodeUnlessAbsent([ReadinessBody].self, forKey: .readiness)
        intended = try container.decodeUnlessAbsent(Bool.self, forKey: .intended)
    }
}

/// A service a delta removes (the OpenAPI `ServiceRef` schema).
public struct ServiceRefBody: Codable, Hashable, Sendable {
    public var namespace: String
    public var name: String

    enum CodingKeys: String, CodingKey, CaseIterable {
        case namespace, name
    }

    /// The reference to `key`.
    public init(_ key: ServiceKey) {
        namespace = key.namespace
        name = key.name
    }

    /// Decodes the body, refusing unknown members and `null`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
        namespace = try container.decode(String.self, forKey: .namespace)
        name = try container.decode(String.self, forKey: .name)
    }
}

/// A readiness change in a delta (the OpenAPI `ReadinessChange` schema): every endpoint of the
/// service with `address` becomes ready or not.
public struct ReadinessBody: Codable, Hashable, Sendable {
    public var namespace: String
    public var name: String
    public var address: String
    public var ready: Bool

    enum CodingKeys: String, CodingKey, CaseIterable {
        case namespace, name, address, ready
    }

    /// Marks the endpoints of `service` with `address` ready or not.
    public init(service: ServiceKey, address: IPAddress, ready: Bool) {
        namespace = service.namespace
        name = service.name
        self.address = address.description
        self.ready = ready
    }

    /// Decodes the body, refusing unknown members and `null`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
        namespace = try container.decode(String.self, forKey: .namespace)
        name = try container.decode(String.self, forKey: .name)
        address = try container.decode(String.self, forKey: .address)
        ready = try container.decode(Bool.self, forKey: .ready)
    }
}
