import GNSClient

extension AuditLog: TextRendered {
    /// One row per write, then the heartbeat counts.
    var text: String {
        let writes = TextTable(
            header: ["#", "TIME", "CLUSTER", "ACTION", "RESULT", "CALLER", "GENERATION", "CHANGES"],
            rows: records.map { record in
                [
                    "\(record.sequence)", record.time, TextTable.cell(record.cluster), record.action,
                    record.result == "accepted" ? "accepted" : "\(record.status) \(record.error ?? "")", record.caller,
                    Self.generations(record), record.summary.map(Self.changes) ?? TextTable.cell(record.message),
                ]
            }
        ).rendered
        guard !heartbeats.isEmpty else { return writes }
        return writes + "heartbeats: " + heartbeats.map { "\($0.cluster) \($0.count) (last \($0.last))" }.joined(separator: ", ") + "\n"
    }

    /// `3→4`, `→1` for a new cluster, `-` for none.
    private static func generations(_ record: AuditRecord) -> String {
        switch (record.previousGeneration, record.generation) {
        case (nil, nil): "-"
        case (let previous, let next): "\(previous.map(String.init) ?? "")→\(next.map(String.init) ?? "")"
        }
    }

    /// The summary in a few words: `+2 services, -1, ~1; 3 ready, 1 unready; 5 held`.
    private static func changes(_ summary: AuditSummary) -> String {
        var parts: [String] = []
        let added = summary.servicesAdded.count
        let removed = summary.servicesRemoved.count
        let changed = summary.servicesChanged.count
        if added + removed + changed + summary.servicesNotListed > 0 {
            parts.append(
                "services +\(added) -\(removed) ~\(changed)" + (summary.servicesNotListed > 0 ? " (+\(summary.servicesNotListed) more)" : ""))
        }
        if summary.endpointsMadeReady + summary.endpointsMadeUnready > 0 {
            parts.append("endpoints +\(summary.endpointsMadeReady) ready -\(summary.endpointsMadeUnready)")
        }
        if summary.withdrawalsHeld > 0 {
            parts.append("\(summary.withdrawalsHeld) withdrawals held")
        }
        if summary.holdsEnded > 0 {
            parts.append("\(summary.holdsEnded) holds ended")
        }
        return parts.isEmpty ? "none" : parts.joined(separator: "; ")
    }
}
