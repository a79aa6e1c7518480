/// The stored JSON form of a cluster's ``ClusterInfo``.
struct ClusterInfoRecord: Codable {
    var region: String?
    var zone: String?
    var labels: [String: String]

    init(_ info: ClusterInfo) {
        region = info.region
        zone = info.zone
        labels = info.labels
    }

    var info: ClusterInfo {
        ClusterInfo(region: region, zone: zone, labels: labels)
    }
}
