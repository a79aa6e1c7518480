import Authority
import DNSWire
import Testing

/// Answer tables for the dynamic names: {qname, qtype, client} → rcode, AA and each section as
/// zone-file text, from a fresh answer source (rotation at zero, `local-first`) over ``DiscoveryFixture``.
struct AnswerSourceTests {
    typealias Case = AnswerCase

    static let soa = "clusterset.local. 30 IN SOA ns1.clusterset.local. hostmaster.clusterset.local. 2026010107 7200 3600 1209600 30"
    static let acmeSOA = "acme.local. 60 IN SOA ns1.clusterset.local. hostmaster.clusterset.local. 2026010107 7200 3600 1209600 60"

    static func records(_ owner: String, _ type: String, _ data: String..., ttl: Int = 5) -> [String] {
        data.map { "\(owner). \(ttl) IN \(type) \($0)" }
    }

    static let web = "web.default.svc.clusterset.local"
    static let db = "db.default.svc.clusterset.local"
    static let catalog = "catalog.acme.local"

    static let clustersetIPCases: [Case] = [
        Case(name: web, type: .a, answers: records(web, "A", "172.16.3.10", "172.16.1.10", "172.16.2.10")),
        Case(name: web, type: .a, client: .usEast1, answers: records(web, "A", "172.16.1.10", "172.16.2.10", "172.16.3.10")),
        Case(name: web, type: .a, client: .usEast2, answers: records(web, "A", "172.16.2.10", "172.16.1.10", "172.16.3.10")),
        Case(name: web, type: .a, client: .ecsEuWest1, answers: records(web, "A", "172.16.3.10", "172.16.1.10", "172.16.2.10")),
        Case(name: web, type: .a, client: .euWest1v6, answers: records(web, "A", "172.16.3.10", "172.16.1.10", "172.16.2.10")),
        Case(name: "WEB.Default.svc.clusterset.local", type: .a, answers: records(web, "A", "172.16.3.10", "172.16.1.10", "172.16.2.10")),
        Case(name: web, type: .aaaa, answers: records(web, "AAAA", "fd00:3::10", "fd00:1::10")),
        Case(name: web, type: .aaaa, client: .usEast1, answers: records(web, "AAAA", "fd00:1::10", "fd00:3::10")),
        Case(name: web, type: .any, answers: records(web, "A", "172.16.3.10", "172.16.1.10", "172.16.2.10")),
        Case(name: web, type: .txt, authorities: [soa]),
        // SRV at the service name (as CoreDNS answers): one record per port number, the service as target.
        Case(
            name: web, type: .srv, client: .usEast1, answers: records(web, "SRV", "0 6 80 \(web).", "0 6 9090 \(web).", "0 6 53 \(web)."),
            additionals: records(web, "A", "172.16.1.10", "172.16.2.10", "172.16.3.10") + records(web, "AAAA", "fd00:1::10", "fd00:3::10")),
        Case(
            name: "_http._tcp.\(web)", type: .srv, answers: records("_http._tcp.\(web)", "SRV", "0 6 80 \(web)."),
            additionals: records(web, "A", "172.16.3.10", "172.16.1.10", "172.16.2.10") + records(web, "AAAA", "fd00:3::10", "fd00:1::10")),
        Case(
            name: "_dns._udp.\(web)", type: .srv, client: .usEast1, answers: records("_dns._udp.\(web)", "SRV", "0 6 53 \(web)."),
            additionals: records(web, "A", "172.16.1.10", "172.16.2.10", "172.16.3.10") + records(web, "AAAA", "fd00:1::10", "fd00:3::10")),
        Case(name: "_http._tcp.\(web)", type: .a, authorities: [soa]),
        Case(name: "_tcp.\(web)", type: .srv, authorities: [soa]),
        Case(name: "_udp.\(web)", type: .a, authorities: [soa]),
        Case(name: "_sctp.\(web)", type: .srv, rcode: .nxDomain, authorities: [soa]),
        Case(name: "_metrics._tcp.\(web)", type: .srv, rcode: .nxDomain, authorities: [soa]),
        Case(name: "_http._udp.\(web)", type: .srv, rcode: .nxDomain, authorities: [soa]),
        Case(name: "us-east-1.\(web)", type: .a, rcode: .nxDomain, authorities: [soa]),
        Case(name: "default.svc.clusterset.local", type: .a, authorities: [soa]),
        Case(name: "idle.default.svc.clusterset.local", type: .a, authorities: [soa]),
        Case(name: "_http._tcp.idle.default.svc.clusterset.local", type: .srv, authorities: [soa]),
        Case(name: "legacy.default.svc.clusterset.local", type: .a, answers: records("legacy.default.svc.clusterset.local", "A", "172.16.4.20")),
        Case(name: "cache.apps.svc.clusterset.local", type: .a, answers: records("cache.apps.svc.clusterset.local", "A", "10.13.1.1")),
    ]

    static let headlessCases: [Case] = [
        Case(name: db, type: .a, answers: records(db, "A", "10.13.0.1", "10.13.0.9", "10.11.0.1")),
        Case(name: db, type: .a, client: .usEast1, answers: records(db, "A", "10.11.0.1", "10.13.0.1", "10.13.0.9")),
        Case(name: db, type: .aaaa, answers: records(db, "AAAA", "fd00:13::1")),
        Case(name: "db-0.us-east-1.\(db)", type: .a, answers: records("db-0.us-east-1.\(db)", "A", "10.11.0.1")),
        Case(name: "db-0.us-east-1.\(db)", type: .aaaa, authorities: [soa]),
        Case(name: "db-0.eu-west-1.\(db)", type: .aaaa, answers: records("db-0.eu-west-1.\(db)", "AAAA", "fd00:13::1")),
        Case(name: "db-1.us-east-1.\(db)", type: .a, rcode: .nxDomain, authorities: [soa]),
        Case(name: "db-0.us-east-2.\(db)", type: .a, rcode: .nxDomain, authorities: [soa]),
        Case(name: "us-east-1.\(db)", type: .a, authorities: [soa]),
        Case(name: "eu-west-1.\(db)", type: .txt, authorities: [soa]),
        Case(name: "us-east-2.\(db)", type: .a, rcode: .nxDomain, authorities: [soa]),
        Case(name: "x.db-0.us-east-1.\(db)", type: .a, rcode: .nxDomain, authorities: [soa]),
        // 10.13.0.9 has no hostname: it answers under its system-assigned identifier (KEP-1645 §2.1).
        Case(
            name: "_pg._tcp.\(db)", type: .srv,
            answers: records(
                "_pg._tcp.\(db)", "SRV", "0 1 5432 db-0.eu-west-1.\(db).", "0 1 5432 10-13-0-9.eu-west-1.\(db).", "0 1 5432 db-0.us-east-1.\(db)."),
            additionals: records("db-0.eu-west-1.\(db)", "A", "10.13.0.1") + records("db-0.eu-west-1.\(db)", "AAAA", "fd00:13::1")
                + records("10-13-0-9.eu-west-1.\(db)", "A", "10.13.0.9") + records("db-0.us-east-1.\(db)", "A", "10.11.0.1")),
        Case(
            name: "_pg._tcp.\(db)", type: .srv, client: .usEast1,
            answers: records(
                "_pg._tcp.\(db)", "SRV", "0 1 5432 db-0.us-east-1.\(db).", "0 1 5432 db-0.eu-west-1.\(db).", "0 1 5432 10-13-0-9.eu-west-1.\(db)."),
            additionals: records("db-0.us-east-1.\(db)", "A", "10.11.0.1") + records("db-0.eu-west-1.\(db)", "A", "10.13.0.1")
                + records("db-0.eu-west-1.\(db)", "AAAA", "fd00:13::1") + records("10-13-0-9.eu-west-1.\(db)", "A", "10.13.0.9")),
        // SRV at the service name (as CoreDNS answers): each ready endpoint host and port.
        Case(
            name: db, type: .srv, client: .usEast1,
            answers: records(db, "SRV", "0 1 5432 db-0.us-east-1.\(db).", "0 1 5432 db-0.eu-west-1.\(db).", "0 1 5432 10-13-0-9.eu-west-1.\(db)."),
            additionals: records("db-0.us-east-1.\(db)", "A", "10.11.0.1") + records("db-0.eu-west-1.\(db)", "A", "10.13.0.1")
                + records("db-0.eu-west-1.\(db)", "AAAA", "fd00:13::1") + records("10-13-0-9.eu-west-1.\(db)", "A", "10.13.0.9")),
        Case(name: "10-13-0-9.eu-west-1.\(db)", type: .a, answers: records("10-13-0-9.eu-west-1.\(db)", "A", "10.13.0.9")),
        Case(name: "10-13-0-9.eu-west-1.\(db)", type: .aaaa, authorities: [soa]),
        Case(name: "10-13-0-9.us-east-1.\(db)", type: .a, rcode: .nxDomain, authorities: [soa]),
        Case(name: "10-11-0-2.us-east-1.\(db)", type: .a, rcode: .nxDomain, authorities: [soa]),
        Case(name: "gone.default.svc.clusterset.local", type: .a, rcode: .nxDomain, authorities: [soa]),
        Case(name: "_pg._tcp.gone.default.svc.clusterset.local", type: .srv, rcode: .nxDomain, authorities: [soa]),
        Case(name: "gone-0.us-east-1.gone.default.svc.clusterset.local", type: .a, rcode: .nxDomain, authorities: [soa]),
    ]

    static let namespaceCases: [Case] = [
        Case(name: "svc.clusterset.local", type: .a, authorities: [soa]),
        Case(name: "apps.svc.clusterset.local", type: .a, authorities: [soa]),
        Case(name: "nosuch.svc.clusterset.local", type: .a, rcode: .nxDomain, authorities: [soa]),
        Case(name: "web.nosuch.svc.clusterset.local", type: .a, rcode: .nxDomain, authorities: [soa]),
        Case(name: "a.b.c.d.e.svc.clusterset.local", type: .a, rcode: .nxDomain, authorities: [soa]),
        Case(name: "dns-version.clusterset.local", type: .txt, answers: ["dns-version.clusterset.local. 5 IN TXT \"1.0.0\""]),
        Case(name: "dns-version.clusterset.local", type: .a, authorities: [soa]),
        Case(
            name: "clusterset.local", type: .soa,
            answers: ["clusterset.local. 3600 IN SOA ns1.clusterset.local. hostmaster.clusterset.local. 2026010107 7200 3600 1209600 30"]),
        Case(name: "ns1.clusterset.local", type: .a, answers: ["ns1.clusterset.local. 3600 IN A 192.0.2.53"]),
        Case(name: "nope.clusterset.local", type: .a, rcode: .nxDomain, authorities: [soa]),
        Case(name: "static.default.svc.clusterset.local", type: .a, answers: ["static.default.svc.clusterset.local. 3600 IN A 192.0.2.80"]),
        Case(name: "static.default.svc.clusterset.local", type: .aaaa, authorities: [soa]),
        Case(name: "www.example.test", type: .a, answers: LookupTests.www),
        Case(name: "nope.example.test", type: .a, rcode: .nxDomain, authorities: [LookupTests.soa]),
        Case(name: "www.elsewhere.test", type: .a, rcode: .refused, authoritative: false),
    ]

    static let globalCases: [Case] = [
        Case(name: catalog, type: .a, answers: records(catalog, "A", "10.13.2.1", "10.13.2.2", "172.16.1.50", ttl: 10)),
        Case(name: catalog, type: .a, client: .usEast1, answers: records(catalog, "A", "172.16.1.50", "10.13.2.1", "10.13.2.2", ttl: 10)),
        Case(name: catalog, type: .aaaa, authorities: [acmeSOA]),
        Case(
            name: "_http._tcp.\(catalog)", type: .srv, answers: records("_http._tcp.\(catalog)", "SRV", "0 3 8080 \(catalog).", ttl: 10),
            additionals: records(catalog, "A", "10.13.2.1", "10.13.2.2", "172.16.1.50", ttl: 10)),
        Case(name: "_tcp.\(catalog)", type: .a, authorities: [acmeSOA]),
        Case(name: "_udp.\(catalog)", type: .a, rcode: .nxDomain, authorities: [acmeSOA]),
        Case(name: "a.b.\(catalog)", type: .a, rcode: .nxDomain, authorities: [acmeSOA]),
        Case(name: "web.acme.local", type: .a, answers: records("web.acme.local", "A", "172.16.1.10", "172.16.2.10", ttl: 10)),
        Case(name: "idle.acme.local", type: .a, authorities: [acmeSOA]),
        Case(name: "legacy.acme.local", type: .a, rcode: .nxDomain, authorities: [acmeSOA]),
        Case(name: "nothing.acme.local", type: .a, rcode: .nxDomain, authorities: [acmeSOA]),
        Case(name: "acme.local", type: .a, authorities: [acmeSOA]),
        Case(name: "www.acme.local", type: .a, answers: ["www.acme.local. 300 IN A 192.0.2.90"]),
    ]

    @Test(arguments: clustersetIPCases + headlessCases + namespaceCases + globalCases)
    func answers(_ expected: Case) throws {
        let answerSource = DiscoveryFixture.answerSource()
        expected.check(answerSource.lookup(try DomainName(expected.name), type: expected.type, client: expected.client.context))
    }
}
