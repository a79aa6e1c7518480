/// What in the endpoint table an encoded response was built from, so a table change drops only
/// the responses it can have changed.
enum TableDependency: Equatable {
    /// Nothing: a zone without dynamic names, or zone data that no service can shadow.
    case none
    /// The exports of the services with this name (in any namespace) and every cluster's lease and region.
    case service(String)
    /// The table as a whole: negative answers and SOA records of dynamic zones, whose serial follows every change.
    case anyChange
}
