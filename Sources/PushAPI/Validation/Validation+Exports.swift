import APIBodies
import EndpointTable

extension Validation {
    /// The exports of the array at `path`: each valid and within `settings.quotas`, no service
    /// twice, and no more than `settings.maxEndpointsPerPush` endpoints among them all.
    static func exports(_ bodies: [ExportBody], at path: FieldPath, settings: APISettings) throws(APIError) -> [ServiceExport] {
        let maxEndpoints = settings.maxEndpointsPerPush
        var exports: [ServiceExport] = []
        exports.reserveCapacity(bodies.count)
        var positions: [ServiceKey: Int] = [:]
        var endpointCount = 0
        for (index, body) in bodies.enumerated() {
            let count = body.endpoints?.count ?? 0
            guard endpointCount + count <= maxEndpoints else {
                throw .invalid(
                    path.item(index).field("endpoints").item(maxEndpoints - endpointCount), "more than \(maxEndpoints) endpoints in one push")
            }
            endpointCount += count
            let export = try body.export(at: path.item(index), quotas: settings.quotas)
            if let first = positions[export.key] {
                throw .invalid(path.item(index), "service \(export.key) is already listed at \(path.item(first))")
            }
            positions[export.key] = index
            exports.append(export)
        }
        return exports
    }
}
