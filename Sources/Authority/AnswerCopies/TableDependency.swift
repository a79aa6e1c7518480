/// What in the endpoint table an encoded response was built from, so a table change drops only
/// the responses it can have changed.
///
/// A dynamic zone's SOA serial follows every table change; copies get it patched in instead of
/// depending on the whole table for it.
enum TableDependency: Equatable {
    /// Nothing: a zone without dynamic names, zone data that no service can shadow, or a dynamic
    /// name that exists whatever the table holds.
    case none
    /// The exports of the services with this name (in any namespace) and every cluster's lease and region.
    case service(String)
    /// The table as a whole: whether a namespace holds any service, or a response with more than one SOA record.
    case anyChange
}

extension DynamicName {
    /// What in the table the answer for this name is built from.
    var tableDependency: TableDependency {
        switch self {
        case .schemaVersion, .apex: .none
        case .namespace, .reverse: .anyChange
        case .service(let service), .portProtocol(let service, _), .port(let service, _, _), .cluster(let service, _),
            .host(let service, _, _):
            .service(service.scope.serviceName)
        }
    }
}
