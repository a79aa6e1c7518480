import GNSClient

extension ServiceList: TextRendered {
    /// One row per service and exporting cluster.
    var text: String {
        TextTable(
            header: ["SERVICE", "CLUSTER", "TYPE", "IPS", "PORTS", "READY", "LEASE"],
            rows: services.flatMap { service in
                service.clusters.map { export in
                    [
                        "\(service.namespace)/\(service.name)", export.cluster, export.type, TextTable.list(export.ips),
                        TextTable.ports(export.ports), "\(export.readyEndpoints)/\(export.endpoints)", export.lease,
                    ]
                }
            }
        ).rendered
    }
}
