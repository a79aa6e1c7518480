import EndpointTable

/// The body of `PATCH /v1/clusters/{cluster}/exports`: edits against the cluster's current generation.
///
/// The edits apply in the order upserts, removals, readiness changes.
struct DeltaBody: Decodable, Sendable {
    /// Must equal the cluster's current generation.
    var baseGeneration: JSONInteger<UInt64>
    /// Must be above `baseGeneration`.
    var generation: JSONInteger<UInt64>
    var upsert: [ExportBody]?
    var remove: [ServiceRefBody]?
    var readiness: [ReadinessBody]?

    /// The table change this body asks for, or a 422 naming the first field at fault.
    func change(for id: ClusterID, maxEndpoints: Int) throws(APIError) -> TableChange {
        let upserts = try Validation.exports(upsert ?? [], at: FieldPath("upsert"), maxEndpoints: maxEndpoints)
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
        return .delta(id, baseGeneration: baseGeneration.value, generation: generation.value, operations: operations)
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
struct ServiceRefBody: Codable, Hashable, Sendable {
    var namespace: String
    var name: String
}

/// A readiness change in a delta: every endpoint of the service with `address` becomes `ready` or not.
struct ReadinessBody: Codable, Hashable, Sendable {
    var namespace: String
    var name: String
    var address: String
    var ready: Bool
}
