import GNSClient

extension ServerStatus: TextRendered {
    /// A few lines: version and uptime, zones, the last zone reload, clusters and services, rates.
    var text: String {
        let reload = lastZoneReload.map { "\($0.result) at \($0.time)" + ($0.error.map { ": \($0)" } ?? "") } ?? "none since start"
        return [
            "gnsd \(version), up \(Self.duration(uptimeSeconds))",
            "zones: " + zones.map { "\($0.name) serial \($0.serial)" }.joined(separator: ", "),
            "last zone reload: \(reload)",
            "clusters: \(clusters.live) live, \(clusters.stale) stale, \(clusters.expired) expired; \(tableSize)",
            "queries: \(queries.perSecond)/s over the last minute, \(queries.total) since start",
            "pushes: \(pushes.perSecond)/s over the last minute, \(pushes.total) since start",
        ].joined(separator: "\n") + "\n"
    }
}

/// The zones of a status, for `gnsctl zones`.
struct ZoneList: TextRendered {
    var zones: [ServerStatus.ZoneStatus]

    /// One row per zone; DYNAMIC says whether its names come from pushes.
    var text: String {
        TextTable(
            header: ["ZONE", "SERIAL", "RECORDS", "DYNAMIC"],
            rows: zones.map { [$0.name, "\($0.serial)", "\($0.records)", $0.dynamic ? "yes" : "no"] }
        ).rendered
    }
}

/// gnsctl's version and the server's, for `gnsctl version`.
struct Versions: TextRendered {
    var gnsctl: String
    var gnsd: String

    var text: String {
        "gnsctl \(gnsctl)\ngnsd \(gnsd)\n"
    }
}
