import GNSModel

extension Explanation: TextRendered {
    /// The summary as aligned name and value lines, the candidate clusters as a table (each
    /// candidate's policy notes after its reason, `; `-separated), then the records of each
    /// non-empty section.
    var text: String {
        let summary = TextTable(
            header: [],
            rows: [
                ["name", name], ["type", type], ["zone", TextTable.cell(zone)], ["source", source.rawValue], ["client", clientPlacement],
                ["policy", policy.rawValue], ["rcode", rcode + (authoritative ? ", authoritative" : "")], ["fail static", failStatic ? "yes" : "no"],
            ])
        var parts = [summary.rendered]
        if !candidates.isEmpty {
            parts.append(
                TextTable(
                    header: ["CLUSTER", "NAMESPACE", "LEASE", "READY", "LOCALITY", "INCLUDED", "REASON"],
                    rows: candidates.map {
                        [
                            $0.cluster, $0.namespace, $0.lease, "\($0.readyEndpoints)", $0.locality, $0.included ? "yes" : "no",
                            ([$0.reason] + ($0.notes ?? [])).joined(separator: "; "),
                        ]
                    }
                ).rendered)
        }
        for (title, records) in [("ANSWER", answers), ("AUTHORITY", authorities), ("ADDITIONAL", additionals)] where !records.isEmpty {
            parts.append(([title] + records).map { $0 + "\n" }.joined())
        }
        return parts.joined(separator: "\n")
    }
}
