internal import DNSWire

/// The service a dynamic name refers to, with the name and TTL its records carry.
struct ServiceReference {
    let scope: ServiceScope
    /// The service's own name as the query spelt it: the owner of its address records and the SRV target.
    let owner: DomainName
    let ttl: UInt32
}
