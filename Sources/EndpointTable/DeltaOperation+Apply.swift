import HashTreeCollections

extension DeltaOperation {
    /// The service the operation edits.
    var key: ServiceKey {
        switch self {
        case .upsert(let export): export.key
        case .remove(let key), .setReadiness(let key, _, _): key
        }
    }

    /// Applies the operation to one cluster's exports, or throws leaving them as they were.
    func apply(to exports: inout TreeDictionary<ServiceKey, ServiceExport>) throws(TableError) {
        switch self {
        case .upsert(let export):
            exports[export.key] = export
        case .remove(let key):
            guard exports.removeValue(forKey: key) != nil else { throw .unknownService(key) }
        case .setReadiness(let key, let address, let ready):
            guard let matches = Self.endpointIndices(in: exports[key], having: address) else { throw .unknownService(key) }
            guard !matches.isEmpty else { throw .unknownEndpoint(key, address) }
            for index in matches {
                exports[key]?.endpoints[index].ready = ready
            }
        }
    }

    /// The positions of the endpoints of `export` that have `address`; `nil` without an export.
    private static func endpointIndices(in export: ServiceExport?, having address: IPAddress) -> [Int]? {
        guard let endpoints = export?.endpoints else { return nil }
        return endpoints.indices.filter { endpoints[$0].addresses.contains(address) }
    }
}
