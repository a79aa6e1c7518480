import APIBodies
import EndpointTable

extension DeltaBody {
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
        return .delta(id, baseGeneration: baseGeneration, generation: generation, operations: operations, intended: intended ?? false)
    }

    /// Refuses the delta when it adds a service and the cluster would then export more than
    /// `quota` services, naming the upsert that goes past it. Counted against `table` only
    /// when it holds the delta's base generation; otherwise the table refuses the delta anyway.
    private func checkServiceCount(
        of id: ClusterID, upserting upserts: [ServiceExport], removing removed: Set<ServiceKey>, in table: TableSnapshot, quota: Int
    ) throws(APIError) {
        guard table.clusters[id]?.generation == baseGeneration,
            case let added = upserts.indices.filter({ table.pushedExport(of: id, upserts[$0].key) == nil }), !added.isEmpty
        else { return }
        var count = table.pushedServiceCount(of: id) - removed.count(where: { table.pushedExport(of: id, $0) != nil })
        for index in added {
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
