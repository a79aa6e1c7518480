internal import DNSWire

/// The service a dynamic name refers to, with the name and TTL its records carry.
struct ServiceReference {
    let scope: ServiceScope
    /// The service's own name in lowercase: the owner of its address records and the SRV target,
    /// the same bytes whatever case the query used.
    let owner: DomainName
    let ttl: UInt32
}
