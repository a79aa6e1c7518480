import Authority
import DNSWire
import NIOCore
import Testing

/// `CH TXT id.server` / `hostname.bind` and `version.server` / `version.bind` (RFC 4892), on the
/// full path and on the UDP copy path alike.
struct ServerIdentityTests {
    static func responder(_ identity: ServerIdentity) -> QueryResponder {
        QueryResponder(
            answerSource: AnswerSource(zones: ZoneSetPublisher(TestZone.zoneSet), table: { .empty }, settings: DiscoverySettings()),
            settings: ResponderSettings(cookieSecret: Array(0..<16), serverIdentity: identity), now: { 1_700_000_000 })
    }

    /// Both paths' responses to `name` `type` in class CHAOS; they must be the same bytes.
    static func ask(_ name: String, _ type: RecordType, _ identity: ServerIdentity) throws -> Message {
        var query = Message(header: Header(id: 0x4242), questions: [Question(name: try DomainName(name), type: type, recordClass: .chaos)])
        query.header.recursionDesired = true
        var bytes = ByteBuffer()
        query.encode(into: &bytes)
        let responder = Self.responder(identity)
        let client = try SocketAddress(ipAddress: "127.0.0.1", port: 4000)
        var full = try #require(responder.respond(to: bytes, from: client, overTCP: false, allocator: ByteBufferAllocator()))
        let answerer = responder.makeDatagramAnswerer()
        var copy = [UInt8](repeating: 0, count: 1232)
        let length = try copy.withUnsafeMutableBytes { target in
            try #require(
                bytes.withUnsafeReadableBytes { query in
                    [UInt8]([127, 0, 0, 1]).withUnsafeBytes { address in answerer.respond(to: query, clientAddress: address, into: target) }
                })
        }
        #expect(Array(copy.prefix(length)) == Array(full.readableBytesView))
        return try full.readMessage()
    }

    static let shown = ServerIdentity(identity: "replica-7", version: "gnsd 0.1.0")

    @Test(arguments: ["id.server", "hostname.bind", "ID.Server"])
    func identityNamesTheReplica(_ name: String) throws {
        let response = try Self.ask(name, .txt, Self.shown)
        #expect(response.rcode == .noError)
        #expect(response.header.authoritativeAnswer)
        #expect(response.answers.map(\.description) == ["\(name). 0 CH TXT \"replica-7\""])
    }

    @Test(arguments: ["version.server", "version.bind"])
    func versionNamesTheSoftware(_ name: String) throws {
        #expect(try Self.ask(name, .txt, Self.shown).answers.map(\.description) == ["\(name). 0 CH TXT \"gnsd 0.1.0\""])
        #expect(try Self.ask(name, .any, Self.shown).answers.map(\.description) == ["\(name). 0 CH TXT \"gnsd 0.1.0\""])
        let other = try Self.ask(name, .a, Self.shown)
        #expect(other.rcode == .noError && other.answers.isEmpty && other.header.authoritativeAnswer)
    }

    @Test func hiddenValuesAndOtherNamesAreRefused() throws {
        #expect(try Self.ask("version.bind", .txt, ServerIdentity(identity: "replica-7", version: nil)).rcode == .refused)
        #expect(try Self.ask("id.server", .txt, ServerIdentity(identity: nil, version: "gnsd")).rcode == .refused)
        #expect(try Self.ask("authors.bind", .txt, Self.shown).rcode == .refused)
        #expect(try Self.ask("www.example.test", .a, Self.shown).rcode == .refused)
    }
}
