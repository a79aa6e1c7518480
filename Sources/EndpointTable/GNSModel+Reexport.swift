/// The table is made of the shared model's values (cluster ids, exports, endpoints, addresses),
/// so whoever imports the table sees them too.
@_exported public import GNSModel
