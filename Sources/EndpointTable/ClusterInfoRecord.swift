/// The stored JSON form of a cluster's ``ClusterInfo``.
struct ClusterInfoRecord: Decodable {
    var region: String?
    var zone: String?
    var labels: [String: String]

    init(_ info: ClusterInfo) {
        region = info.region
        zone = info.zone
        labels = info.labels
    }

    /// The record as the store writes it: compact JSON, members and labels sorted by key.
    var json: String {
        var json = JSONText()
        json.object { json in
            json.member("labels") { json in
                json.object { json in
                    for (key, value) in labels.sorted(by: { $0.key < $1.key }) {
                        json.member(key) { $0.string(value) }
                    }
                }
            }
            json.optionalMember("region", region) { $0.string($1) }
            json.optionalMember("zone", zone) { $0.string($1) }
        }
        return json.text
    }

    var info: ClusterInfo {
        ClusterInfo(region: region, zone: zone, labels: labels)
    }
}
