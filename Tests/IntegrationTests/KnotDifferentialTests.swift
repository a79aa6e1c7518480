import DNSWire
import Foundation
import GNSDServer
import NIOCore
import TestKit
import TestSupport
import Testing

/// gnsd and Knot DNS (from Debian) serve the same zone file; every name × type × form of query
/// (UDP without EDNS, with EDNS, with DO, over TCP, in mixed case) goes to both, and the two
/// responses must agree in rcode, flags, EDNS and every section (records compared as sets, names
/// without case). No difference is allowed: docs/dns.md would have to say why first.
@Suite(.serialized)
struct KnotDifferentialTests {
    /// Every kind of name the answer rules treat apart; `big` needs more than 512 bytes.
    static let zone = """
        $ORIGIN diff.test.
        $TTL 3600
        @           IN SOA ns1 hostmaster 7 3600 600 86400 60
        @           NS    ns1
        @           MX    10 mail
        @           TXT   "v=spf1 mx -all"
        @           CAA   0 issue "ca.example"
        ns1         A     192.0.2.53
        ns1         AAAA  2001:db8::53
        www     300 A     192.0.2.10
        www     300 A     192.0.2.11
        www     300 AAAA  2001:db8::10
        mail        A     192.0.2.25
        alias   600 CNAME www
        chain       CNAME alias
        outside     CNAME www.example.org.
        dangling    CNAME missing
        *.wild  120 A     192.0.2.99
        *.wild  120 TXT   "wild"
        host.wild   A     192.0.2.7
        a.b.c       A     192.0.2.8
        child       NS    ns.child
        ns.child    A     192.0.2.100
        signed      NS    ns.signed
        signed      DS    12345 13 2 0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF
        ns.signed   A     192.0.2.101
        _http._tcp  SRV   0 5 80 www
        ptr         PTR   www
        info        HINFO "pc" "linux"
        """ + "\n" + (1...40).map { "big         A     198.51.100.\($0)" }.joined(separator: "\n") + "\n"

    static let names = [
        "diff.test", "ns1", "www", "mail", "alias", "chain", "outside", "dangling", "x.wild", "a.b.wild", "wild", "host.wild",
        "b.c", "c", "a.b.c", "x.b.c", "child", "x.child", "ns.child", "signed", "ns.signed", "_http._tcp", "_tcp", "ptr", "info",
        "big", "nx", "nx.nx",
    ].map { $0 == "diff.test" ? $0 : "\($0).diff.test" }

    static let types: [RecordType] = [
        .a, .aaaa, .mx, .txt, .srv, .cname, .ns, .soa, .any, .ds, .nsec, .rrsig, .ptr, .caa, .hinfo, RecordType(rawValue: 65280),
    ]

    /// How one query is sent.
    enum Form: String, CaseIterable {
        case plainUDP, ednsUDP, dnssecOK, tcp, mixedCase
    }

    static func query(_ name: String, _ type: RecordType, _ form: Form, id: UInt16) throws -> [UInt8] {
        let spelled =
            form == .mixedCase ? String(name.enumerated().map { $0.offset % 2 == 0 ? Character($0.element.uppercased()) : $0.element }) : name
        var header = Header(id: id)
        header.recursionDesired = true
        var message = Message(header: header, questions: [Question(name: try DomainName(spelled), type: type)])
        if form != .plainUDP {
            message.edns = EDNS(udpPayloadSize: 1232)
            message.edns?.dnssecOK = form == .dnssecOK
        }
        var buffer = ByteBuffer()
        message.encode(into: &buffer)
        return Array(buffer.readableBytesView)
    }

    static func exchange(_ query: [UInt8], port: Int, tcp: Bool) async throws -> Message {
        let socket = try RawSocket(port: port, tcp: tcp, timeout: 2)
        let reply: [UInt8]?
        if tcp {
            try socket.sendFramed(query)
            reply = try await socket.receiveFramed()
        } else {
            try socket.send(query)
            reply = try await socket.receive()
        }
        var buffer = ByteBuffer(bytes: try #require(reply))
        return try buffer.readMessage()
    }

    /// What is compared of a response: rcode, flags but the ID, EDNS, and the sections as sets.
    struct Shape: Equatable, CustomStringConvertible {
        var rcode: ResponseCode
        var flags: UInt16
        var edns: String
        var answers: Set<String>
        var authorities: Set<String>
        var additionals: Set<String>

        init(_ message: Message) {
            rcode = message.rcode
            flags = message.header.flags
            edns = message.edns.map { "v\($0.version) do=\($0.dnssecOK) size=\($0.udpPayloadSize) options=\($0.options.count)" } ?? "none"
            // Names compare without case (RFC 4343): gnsd compresses an additional record's
            // owner against the question's spelling, Knot keeps the zone's.
            answers = Set(message.answers.map { $0.description.lowercased() })
            authorities = Set(message.authorities.map { $0.description.lowercased() })
            additionals = Set(message.additionals.map { $0.description.lowercased() })
        }

        var description: String {
            "\(rcode) flags=\(String(flags, radix: 16)) edns=\(edns) an=\(answers.sorted()) ns=\(authorities.sorted()) ar=\(additionals.sorted())"
        }
    }

    @Test func gnsdAnswersAsKnotDoes() async throws {
        let zones = try TemporaryDirectory()
        defer { zones.remove() }
        try zones.write("diff.test.zone", Self.zone)
        let knot = try await ReferenceKnot.start(zones: [("diff.test", "\(zones.path)/diff.test.zone")])
        try await withCleanup {
            try await withServer(zones: zones.path) { server in
                var differences: [String] = []
                var sent = 0
                for name in Self.names {
                    for type in Self.types {
                        for form in Form.allCases {
                            sent += 1
                            let query = try Self.query(name, type, form, id: UInt16(truncatingIfNeeded: sent))
                            let gnsd = Shape(try await Self.exchange(query, port: server.port, tcp: form == .tcp))
                            let reference = Shape(try await Self.exchange(query, port: knot.port, tcp: form == .tcp))
                            if gnsd != reference {
                                differences.append("\(name) \(type) \(form):\n  gnsd \(gnsd)\n  knot \(reference)")
                            }
                        }
                    }
                }
                #expect(sent == 2240)
                #expect(differences.isEmpty, "\(differences.count) of \(sent) queries differ:\n\(differences.prefix(30).joined(separator: "\n"))")
            }
        } cleanup: {
            await knot.stop()
        }
    }
}
