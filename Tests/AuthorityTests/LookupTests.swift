import Authority
import DNSWire
import Foundation
import Testing

/// Answer tables: {qname, qtype} → rcode, AA and each section as zone-file text.
struct LookupTests {
    typealias Case = AnswerCase

    static let soa = "example.test. 300 IN SOA ns1.example.test. hostmaster.example.test. 2026112201 7200 3600 1209600 300"
    static let www = ["www.example.test. 300 IN A 192.0.2.10", "www.example.test. 300 IN A 192.0.2.11"]

    static let cases: [Case] = [
        Case(name: "www.example.test", type: .a, answers: www),
        Case(name: "WwW.Example.TEST", type: .a, answers: www.map { $0.replacingOccurrences(of: "www.example.test", with: "WwW.Example.TEST") }),
        Case(name: "example.test", type: .soa, answers: [soa.replacingOccurrences(of: " 300 IN", with: " 3600 IN")]),
        Case(name: "www.example.test", type: .aaaa, authorities: [soa]),
        Case(name: "nope.example.test", type: .a, rcode: .nxDomain, authorities: [soa]),
        Case(name: "alias.example.test", type: .a, answers: ["alias.example.test. 600 IN CNAME www.example.test."] + www),
        Case(name: "alias.example.test", type: .cname, answers: ["alias.example.test. 600 IN CNAME www.example.test."]),
        Case(
            name: "chain.example.test", type: .a,
            answers: ["chain.example.test. 3600 IN CNAME alias.example.test.", "alias.example.test. 600 IN CNAME www.example.test."] + www),
        Case(
            name: "loop1.example.test", type: .a,
            answers: ["loop1.example.test. 3600 IN CNAME loop2.example.test.", "loop2.example.test. 3600 IN CNAME loop1.example.test."]),
        Case(name: "outside.example.test", type: .a, answers: ["outside.example.test. 3600 IN CNAME www.elsewhere.test."]),
        Case(
            name: "dangling.example.test", type: .a, rcode: .nxDomain,
            answers: ["dangling.example.test. 3600 IN CNAME missing.example.test."], authorities: [soa]),
        Case(name: "x.wild.example.test", type: .a, answers: ["x.wild.example.test. 120 IN A 192.0.2.99"]),
        Case(name: "a.b.wild.example.test", type: .txt, answers: ["a.b.wild.example.test. 120 IN TXT \"wild\""]),
        Case(name: "x.wild.example.test", type: .aaaa, authorities: [soa]),
        Case(name: "host.wild.example.test", type: .txt, authorities: [soa]),
        Case(name: "wild.example.test", type: .a, authorities: [soa]),
        Case(name: "b.c.example.test", type: .a, authorities: [soa]),
        Case(name: "x.b.c.example.test", type: .a, rcode: .nxDomain, authorities: [soa]),
        Case(
            name: "www.child.example.test", type: .a, authoritative: false,
            authorities: ["child.example.test. 3600 IN NS ns.child.example.test."],
            additionals: ["ns.child.example.test. 3600 IN A 192.0.2.100"]),
        Case(
            name: "child.example.test", type: .ns, authoritative: false,
            authorities: ["child.example.test. 3600 IN NS ns.child.example.test."],
            additionals: ["ns.child.example.test. 3600 IN A 192.0.2.100"]),
        Case(
            name: "mail.example.test", type: .mx, answers: ["mail.example.test. 3600 IN MX 10 mx1.example.test."],
            additionals: ["mx1.example.test. 3600 IN A 192.0.2.25"]),
        Case(
            name: "_http._tcp.example.test", type: .srv, answers: ["_http._tcp.example.test. 3600 IN SRV 0 5 80 www.example.test."],
            additionals: www),
        Case(
            name: "example.test", type: .ns, answers: ["example.test. 3600 IN NS ns1.example.test."],
            additionals: ["ns1.example.test. 3600 IN A 192.0.2.53", "ns1.example.test. 3600 IN AAAA 2001:db8::53"]),
        Case(name: "ns1.example.test", type: .any, answers: ["ns1.example.test. 3600 IN A 192.0.2.53"]),
        // ANY at an SRV owner carries the targets' addresses, as SRV does.
        Case(
            name: "_http._tcp.example.test", type: .any, answers: ["_http._tcp.example.test. 3600 IN SRV 0 5 80 www.example.test."],
            additionals: www),
        // A CNAME whose target has no data of the type: the NODATA's SOA comes along (RFC 2308 §2.2).
        Case(name: "alias.example.test", type: .mx, answers: ["alias.example.test. 600 IN CNAME www.example.test."], authorities: [soa]),
        Case(
            name: "chain.example.test", type: .txt,
            answers: ["chain.example.test. 3600 IN CNAME alias.example.test.", "alias.example.test. 600 IN CNAME www.example.test."],
            authorities: [soa]),
        // NSEC and RRSIG live beside a CNAME: asked at its owner, no CNAME is followed.
        Case(name: "alias.example.test", type: .nsec, authorities: [soa]),
        Case(name: "alias.example.test", type: .rrsig, authorities: [soa]),
        // DS at a delegation point is the parent's: authoritative NODATA here, not a referral;
        // below the cut it is the child's, a referral.
        Case(name: "child.example.test", type: .ds, authorities: [soa]),
        Case(
            name: "x.child.example.test", type: .ds, authoritative: false,
            authorities: ["child.example.test. 3600 IN NS ns.child.example.test."],
            additionals: ["ns.child.example.test. 3600 IN A 192.0.2.100"]),
        Case(name: "www.elsewhere.test", type: .a, rcode: .refused, authoritative: false),
        Case(name: "test", type: .soa, rcode: .refused, authoritative: false),
    ]

    @Test(arguments: cases)
    func answers(_ expected: Case) throws {
        expected.check(TestZone.zoneSet.lookup(try DomainName(expected.name), type: expected.type))
    }
}
