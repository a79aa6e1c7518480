import GNSClient

extension ClusterExports: TextRendered {
    /// One row per endpoint; an export without endpoints gets one row of its own.
    var text: String {
        TextTable(
            header: ["SERVICE", "TYPE", "IPS", "PORTS", "ADDRESSES", "HOSTNAME", "READY", "ZONE", "WEIGHT"],
            rows: exports.flatMap { export in
                let service = ["\(export.namespace)/\(export.name)", export.type, TextTable.list(export.ips), TextTable.ports(export.ports)]
                let endpoints = export.endpoints ?? []
                guard !endpoints.isEmpty else { return [service + ["-", "-", "-", "-", "-"]] }
                return endpoints.map { endpoint in
                    service + [
                        TextTable.list(endpoint.addresses), TextTable.cell(endpoint.hostname), endpoint.ready == false ? "no" : "yes",
                        TextTable.cell(endpoint.zone), "\(endpoint.weight ?? 1)",
                    ]
                }
            }
        ).rendered
    }
}
