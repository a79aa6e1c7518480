import DNSWire
import GNSDServer
import NIOCore
import TestKit
import TestSupport
import Testing

/// EDNS options (BADVERS, NSID, COOKIE) through real clients, and error rcodes for hand-made bytes.
@Suite(.serialized)
struct EDNSAndErrorTests {
    @Test func ednsVersionOneIsBADVERS() async throws {
        let zones = try ServedZones.edgeCaseDirectory()
        defer { zones.remove() }
        try await withServer(zones: zones.path) { server in
            let dig = try await DNSLookup.query(.dig, port: server.port, "host.edge.test", "A", options: ["+edns=1", "+noednsnegotiation"])
            #expect(dig.rcode == "BADVERS", "\(dig)")
            #expect(dig.answer.isEmpty)
            let kdig = try await DNSLookup.query(.kdig, port: server.port, "host.edge.test", "A", options: ["+edns=1"])
            #expect(kdig.raw.contains("BADVERS"), "\(kdig)")
            #expect(kdig.answer.isEmpty)
        }
    }

    @Test func nsidAndCookieAreAnswered() async throws {
        let zones = try ServedZones.edgeCaseDirectory()
        defer { zones.remove() }
        try await withServer(zones: zones.path, adjust: { $0.dns.nsid = "gnsd-it" }) { server in
            let dig = try await DNSLookup.query(.dig, port: server.port, "host.edge.test", "A", options: ["+nsid", "+cookie"])
            #expect(dig.raw.contains("; NSID: 67 6e 73 64 2d 69 74 (\"gnsd-it\")"), "\(dig)")
            #expect(dig.raw.contains("(good)"), "server cookie accepted by dig\n\(dig)")
            let kdig = try await DNSLookup.query(.kdig, port: server.port, "host.edge.test", "A", options: ["+nsid"])
            #expect(kdig.raw.contains("gnsd-it"), "\(kdig)")
        }
    }

    /// The replica's identity and version in class CHAOS (RFC 4892), as dig and kdig ask them,
    /// and a hidden version refused.
    @Test func serverIdentityAnswersInClassChaos() async throws {
        let zones = try ServedZones.edgeCaseDirectory()
        defer { zones.remove() }
        let adjust = { (configuration: inout Configuration) in
            configuration.dns.identity = "replica-7"
            configuration.dns.version = nil
        }
        try await withServer(zones: zones.path, adjust: adjust) { server in
            let identity = try await DNSLookup.query(.dig, port: server.port, "id.server", "TXT", options: ["-c", "CH"])
            #expect(identity.answer == ["id.server. 0 CH TXT \"replica-7\""], "\(identity)")
            #expect(identity.flags.contains("aa"))
            let hostname = try await DNSLookup.query(.kdig, port: server.port, "hostname.bind", "TXT", options: ["-c", "CH"])
            #expect(hostname.answer == ["hostname.bind. 0 CH TXT \"replica-7\""], "\(hostname)")
            let version = try await DNSLookup.query(.dig, port: server.port, "version.bind", "TXT", options: ["-c", "CH"])
            #expect(version.rcode == "REFUSED", "\(version)")
        }
    }

    /// A query for host.edge.test A with ID 0x1234 and the given flag bytes.
    static func query(flags: (UInt8, UInt8) = (0x01, 0x00), questionCount: UInt8 = 1) -> [UInt8] {
        [0x12, 0x34, flags.0, flags.1, 0, questionCount, 0, 0, 0, 0, 0, 0]
            + [4] + Array("host".utf8) + [4] + Array("edge".utf8) + [4] + Array("test".utf8) + [0, 0, 1, 0, 1]
    }

    static func decode(_ bytes: [UInt8]?) throws -> Message {
        var buffer = ByteBuffer(bytes: try #require(bytes))
        return try buffer.readMessage()
    }

    @Test(arguments: [false, true])
    func handMadeBytesGetTheRightErrors(tcp: Bool) async throws {
        let zones = try ServedZones.edgeCaseDirectory()
        defer { zones.remove() }
        try await withServer(zones: zones.path) { server in
            let socket = try RawSocket(port: server.port, tcp: tcp)
            func exchange(_ bytes: [UInt8]) async throws -> [UInt8]? {
                if tcp {
                    try socket.sendFramed(bytes)
                    return try await socket.receiveFramed()
                }
                try socket.send(bytes)
                return try await socket.receive()
            }
            let garbage: [UInt8] = [0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 0xC0, 0x0C, 0x00, 0xFF, 0xFF]
            let formErr = try await Self.decode(exchange(garbage))
            #expect(formErr.header.id == 0x1234)
            #expect(formErr.header.flags == 0x8101)
            #expect(formErr.questions.isEmpty && formErr.answers.isEmpty)

            let notImp = try await Self.decode(exchange(Self.query(flags: (0x21, 0x00))))
            #expect(notImp.header.id == 0x1234)
            #expect(notImp.rcode == .notImp)

            let twoQuestions = try await Self.decode(exchange(Self.query(questionCount: 2)))
            #expect(twoQuestions.rcode == .formErr)

            let good = try await Self.decode(exchange(Self.query()))
            #expect(good.header.flags == 0x8500)
            #expect(good.answers.map(\.description) == ["host.edge.test. 20 IN A 192.0.2.1"])
        }
    }

    @Test func noReplyToShortDatagramsOrResponses() async throws {
        let zones = try ServedZones.edgeCaseDirectory()
        defer { zones.remove() }
        try await withServer(zones: zones.path) { server in
            let socket = try RawSocket(port: server.port, tcp: false, timeout: 0.5)
            try socket.send([0x12, 0x34, 0x01])
            #expect(try await socket.receive() == nil)
            try socket.send(Self.query(flags: (0x81, 0x00)))
            #expect(try await socket.receive() == nil)
            try socket.send(Self.query())
            #expect(try await Self.decode(socket.receive()).rcode == .noError, "still serving after dropped datagrams")
        }
    }
}
