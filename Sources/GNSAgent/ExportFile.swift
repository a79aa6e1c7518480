internal import GNSModel

/// The exports an export file describes, each service with its optional health check.
///
/// The file is YAML (or JSON) with the field names of the push API's export objects:
///
///     exports:
///       - namespace: default
///         name: catalog
///         type: clusterSetIP
///         ips: [10.96.0.10]
///         ports: [{name: http, port: 80, protocol: TCP}]
///         healthCheck: {type: http, port: 8080, path: /healthz}
///         endpoints:
///           - addresses: [10.1.0.11]
struct ExportFile: Hashable, Sendable {
    /// One service of the file.
    struct Service: Hashable, Sendable {
        var export: ServiceExport
        var healthCheck: HealthCheck?
    }

    /// The services in file order, each at most once.
    var services: [Service]
}
