import APIBodies
import EndpointTable

extension SnapshotBody {
    /// The table change this body asks for, or a 422 naming the first field at fault or beyond
    /// `settings.quotas`.
    func change(for id: ClusterID, settings: APISettings) throws(APIError) -> TableChange {
        let quotas = settings.quotas
        try Validation.count(
            exports.count, atMost: quotas.servicesPerCluster, at: FieldPath("exports"), of: "services in one cluster", quota: "services-per-cluster")
        let info = try cluster?.info(at: FieldPath("cluster"), quotas: quotas) ?? ClusterInfo()
        let services = try Validation.exports(exports, at: FieldPath("exports"), settings: settings)
        return .snapshot(id, generation: generation, info: info, exports: services, intended: intended ?? false)
    }
}

extension ClusterInfoBody {
    /// The table's form of this body, or a 422 naming the field beyond `quotas`.
    func info(at path: FieldPath, quotas: ClusterQuotas) throws(APIError) -> ClusterInfo {
        let region = try region.map { (region) throws(APIError) in
            try Validation.text(region, atMostBytes: quotas.regionBytes, at: path.field("region"), quota: "region-bytes")
        }
        let zone = try zone.map { (zone) throws(APIError) in
            try Validation.text(zone, atMostBytes: quotas.zoneBytes, at: path.field("zone"), quota: "zone-bytes")
        }
        let labels = labels ?? [:]
        guard labels.count <= quotas.labelsPerCluster else {
            throw .quotaExceeded(path.field("labels"), "more than \(quotas.labelsPerCluster) labels (quotas.labels-per-cluster)")
        }
        for (key, value) in labels.sorted(by: { $0.key < $1.key }) {
            guard key.utf8.count <= quotas.labelKeyBytes else {
                throw .quotaExceeded(path.field("labels").field(key), "label key longer than \(quotas.labelKeyBytes) bytes (quotas.label-key-bytes)")
            }
            _ = try Validation.text(value, atMostBytes: quotas.labelValueBytes, at: path.field("labels").field(key), quota: "label-value-bytes")
        }
        return ClusterInfo(region: region, zone: zone, labels: labels)
    }
}
