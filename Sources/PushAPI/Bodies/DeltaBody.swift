import EndpointTable

/// The body of `PATCH /v1/clusters/{cluster}/exports`: edits against the cluster's current generation.
///
/// The edits apply in the order upserts, removals, readiness changes.
struct DeltaBody: Decodable, Sendable {
    /// Must equal the cluster's current generation.
    var baseGeneration: GenerationNumber
    /// Must be above `baseGeneration`.
    var generation: GenerationNumber
    var upsert: [ExportBody]?
    var remove: [ServiceRefBody]?
    var readiness: [ReadinessBody]?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case baseGeneration, generation, upsert, remove, readiness
    }

    /// Decodes the body, refusing unknown members and `null`.
    init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
        baseGeneration = try container.decode(GenerationNumber.self, forKey: .baseGeneration)
        generation = try container.decode(GenerationNumber.self, forKey: .generation)
        upsert = try container.decodeUnlessAbsent([ExportBody].self, forKey: .upsert)
        remove = try container.decodeUnlessAbsent([ServiceRefBody].self, forKey: .remove)
        readiness = try container.decodeUnlessAbsent([ReadinessBody].self, forKey: .readiness)
    }

    /// The table change this body asks for, or a 422 naming the first field at fault or beyond
    /// `settings.quotas` for the cluster as `table` holds it.
    func change(for id: ClusterID, settings: APISettings, holding table: TableSnapshot) throws(APIError) -> TableChange {
        let upserts = try Validation.exports(upsert ?? [], at: FieldPath("upsert"), settings: settings)
        var operations = upserts.map(DeltaOperation.upsert)
        var edited = Set(upserts.map(\.key))
        var removed: Set<ServiceKey> = []
        for (index, reference) in (remove ?? []).enumerated() {
            let path = FieldPath("remove").item(index)
            let key = try Validation.serviceKey(namespace: reference.namespace, name: reference.name, at: path)
            guard edited.insert(key).inserted else {
                throw .invalid(path, "service \(key) is upserted or removed earlier in the same delta")
            }
            removed.insert(key)
            operations.append(.remove(key))
        }
        for (index, change) in (readiness ?? []).enumerated() {
            let path = FieldPath("readiness").item(index)
            let key = try Validation.serviceKey(namespace: change.namespace, name: change.name, at: path)
            guard !removed.contains(key) else {
                throw .invalid(path, "service \(key) is removed in the same delta")
            }
            let address = try Validation.address(change.address, at: path.field("address"))
            operations.append(.setReadiness(key, address: address, ready: change.ready))
        }
        try checkServiceCount(of: id, upserting: upserts, removing: removed, in: table, quota: settings.quotas.servicesPerCluster)
        return .delta(id, baseGeneration: baseGeneration.value, generation: generation.value, operations: operations)
    }

    /// Refuses the delta when it adds a service and the cluster would then export more than
    /// `quota` services, naming the upsert that goes past it. Counted against `table` only
    /// when it holds the delta's base generation; otherwise the table refuses the delta anyway.
    private func checkServiceCount(
        of id: ClusterID, upserting upserts: [ServiceExport], removing removed: Set<ServiceKey>, in table: TableSnapshot, quota: Int
    ) throws(APIError) {
        guard table.clusters[id]?.generation == baseGeneration.value else { return }
        let held = table.exports(of: id)
        var count = held.count - removed.count(where: { held[$0] != nil })
        for (index, export) in upserts.enumerated() where held[export.key] == nil {
            count += 1
            guard count <= quota else {
                throw .quotaExceeded(FieldPath("upsert").item(index), "more than \(quota) services in one cluster (quotas.services-per-cluster)")
            }
        }
    }

    /// The field the table's refusal points at: the removal or readiness entry naming the
    /// unknown service, or the address of the readiness entry naming an unknown endpoint.
    func field(for error: TableError) -> String? {
        switch error {
        case .unknownService(let key):
            if let index = remove?.firstIndex(where: { $0.namespace == key.namespace && $0.name == key.name }) {
                return FieldPath("remove").item(index).description
            }
            return readiness?.firstIndex { $0.namespace == key.namespace && $0.name == key.name }
                .map { FieldPath("readiness").item($0).description }
        case .unknownEndpoint(let key, let address):
            return readiness?.firstIndex { $0.namespace == key.namespace && $0.name == key.name && IPAddress($0.address) == address }
                .map { FieldPath("readiness").item($0).field("address").description }
        default:
            return nil
        }
    }
}

/// A service named in a delta's removals.
struct ServiceRefBody: Decodable, Hashable, Sendable {
    var namespace: String
    var name: String

    enum CodingKeys: String, CodingKey, CaseIterable {
        case namespace, name
    }

    /// Decodes the body, refusing unknown members and `null`.
    init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
        namespace = try container.decode(String.self, forKey: .namespace)
        name = try container.decode(String.self, forKey: .name)
    }
}

/// A readiness change in a delta: every endpoint of the service with `address` becomes `ready` or not.
struct ReadinessBody: Decodable, Hashable, Sendable {
    var namespace: String
    var name: String
    var address: String
    var ready: Bool

    enum CodingKeys: String, CodingKey, CaseIterable {
        case namespace, name, address, ready
    }

    /// Decodes the body, refusing unknown members and `null`.
    init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
        namespace = try container.decode(String.self, forKey: .namespace)
        name = try container.decode(String.self, forKey: .name)
        address = try container.decode(String.self, forKey: .address)
        ready = try container.decode(Bool.self, forKey: .ready)
    }
}
