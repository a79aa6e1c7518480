import Authority
import DNSWire

/// The zones the answer benchmarks serve, built in code: `example.test` with a static host and
/// `clusterset.local`, which holds the synthesised MCS names.
enum Zones {
    /// `www.example.test`, the static name asked for.
    static let staticName = try! DomainName("www.example.test")

    /// Both zones, indexed once.
    static let zoneSet = try! ZoneSet(zones: [
        zone(
            "example.test",
            records: [
                ResourceRecord(name: staticName, ttl: 300, rdata: .a(IPv4Address("192.0.2.80")!)),
                ResourceRecord(name: staticName, ttl: 300, rdata: .a(IPv4Address("192.0.2.81")!)),
                ResourceRecord(name: try! DomainName("mail.example.test"), ttl: 300, rdata: .a(IPv4Address("192.0.2.25")!)),
            ]),
        zone("clusterset.local", records: []),
    ])

    /// A zone at `origin` with an SOA, one NS and its address, plus `records`.
    private static func zone(_ origin: String, records: [ResourceRecord]) -> Zone {
        let apex = try! DomainName(origin)
        let server = try! apex.prepending(Array("ns1".utf8))
        let soa = SOARecord(
            primaryServer: server, responsibleMailbox: try! apex.prepending(Array("hostmaster".utf8)),
            serial: 2026010100, refresh: 7200, retry: 3600, expire: 1_209_600, minimum: 30)
        return Zone(
            origin: apex,
            records: [
                ResourceRecord(name: apex, ttl: 3600, rdata: .soa(soa)),
                ResourceRecord(name: apex, ttl: 3600, rdata: .ns(server)),
                ResourceRecord(name: server, ttl: 3600, rdata: .a(IPv4Address("192.0.2.53")!)),
            ] + records)
    }
}
