internal import DNSWire

/// How an answer came about, as far as a stored copy of its encoding must know to stay exact.
struct AnswerFacts {
    /// Another client address could have been answered in another order; the EDNS Client Subnet
    /// scope then covers the source prefix.
    var dependsOnClient = false
    /// What in the endpoint table the answer was built from.
    var dependency = TableDependency.none
    /// The answer lies in a dynamic zone, whose SOA serial is the zone file's plus the table's version.
    var serialFollowsTable = false
    /// Why the answer is what it is, for a client that speaks EDNS (RFC 8914).
    var extendedError: ExtendedDNSError?
}
