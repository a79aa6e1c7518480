import Authority
import DNSWire
import NIOCore
import Synchronization
import Testing

/// EDNS Client Subnet (RFC 7871) through the responder: parsing, FORMERR for malformed options,
/// locality from the subnet and the echoed option with its scope; and the query observer.
struct ClientSubnetTests {
    /// An answer source over the fixture behind a responder that reports to `observer`.
    static func responder(observer: (any QueryObserver)? = nil) -> QueryResponder {
        QueryResponder(
            answerSource: DiscoveryFixture.answerSource(),
            settings: ResponderSettings(cookieSecret: QueryResponderTests.secret), observer: observer, now: { 1_700_000_000 })
    }

    static func respond(_ name: String, ecs: [UInt8]?, responder: QueryResponder = responder()) throws -> Message {
        let options = ecs.map { [0, 8, 0, UInt8($0.count)] + $0 } ?? []
        let query = QueryResponderTests.query(name, opt: QueryResponderTests.opt(options: options))
        var buffer = try #require(
            responder.respond(to: ByteBuffer(bytes: query), from: QueryResponderTests.client, overTCP: false, allocator: ByteBufferAllocator()))
        return try buffer.readMessage()
    }

    @Test func subnetPicksTheClusterAndTheScopeCoversItsPrefix() throws {
        let reply = try Self.respond("web.default.svc.clusterset.local", ecs: [0, 1, 24, 0, 10, 3, 0])
        #expect(reply.rcode == .noError)
        #expect(reply.answers.map(\.rdata.description) == ["172.16.3.10", "172.16.1.10", "172.16.2.10"])
        #expect(reply.edns?.option(.clientSubnet)?.data == [0, 1, 24, 24, 10, 3, 0])
        let usEast = try Self.respond("web.default.svc.clusterset.local", ecs: [0, 1, 20, 0, 10, 1, 0])
        #expect(usEast.answers.map(\.rdata.description) == ["172.16.1.10", "172.16.2.10", "172.16.3.10"])
        #expect(usEast.edns?.option(.clientSubnet)?.data == [0, 1, 20, 20, 10, 1, 0])
    }

    /// A subnet wider than a cluster network it overlaps is placed by its first address, and the
    /// scope grows to that network's prefix so no cache hands the answer to the rest of the subnet.
    @Test func aSubnetWiderThanAClusterNetworkIsPlacedByItsFirstAddressWithTheNetworksScope() throws {
        let wide = try Self.respond("web.default.svc.clusterset.local", ecs: [0, 1, 15, 0, 10, 2])
        let exact = try Self.respond("web.default.svc.clusterset.local", ecs: [0, 1, 16, 0, 10, 2])
        #expect(wide.answers.map(\.rdata.description) == ["172.16.2.10", "172.16.1.10", "172.16.3.10"])
        #expect(wide.answers == exact.answers)
        #expect(wide.edns?.option(.clientSubnet)?.data == [0, 1, 15, 16, 10, 2])
        #expect(exact.edns?.option(.clientSubnet)?.data == [0, 1, 16, 16, 10, 2])
        let enclosing = try Self.respond("web.default.svc.clusterset.local", ecs: [0, 1, 12, 0, 10, 0])
        #expect(enclosing.edns?.option(.clientSubnet)?.data == [0, 1, 12, 16, 10, 0])
    }

    @Test func ipv6SubnetsWork() throws {
        let reply = try Self.respond("web.default.svc.clusterset.local", ecs: [0, 2, 48, 0, 0xFD, 0, 0, 0xE1, 0, 0])
        #expect(reply.answers.first?.rdata.description == "172.16.3.10")
        #expect(reply.edns?.option(.clientSubnet)?.data == [0, 2, 48, 48, 0xFD, 0, 0, 0xE1, 0, 0])
    }

    /// Answers that are the same for every client carry scope 0, so caches share them.
    @Test(arguments: [
        "www.example.test", "db-0.us-east-1.db.default.svc.clusterset.local", "idle.default.svc.clusterset.local", "nosuch.svc.clusterset.local",
    ])
    func untailoredAnswersCarryScopeZero(_ name: String) throws {
        let reply = try Self.respond(name, ecs: [0, 1, 24, 0, 10, 3, 0])
        #expect(reply.edns?.option(.clientSubnet)?.data == [0, 1, 24, 0, 10, 3, 0])
    }

    @Test func queriesWithoutTheOptionGetNone() throws {
        let reply = try Self.respond("web.default.svc.clusterset.local", ecs: nil)
        #expect(reply.edns?.option(.clientSubnet) == nil)
        #expect(reply.answers.count == 3)
    }

    static let malformed: [[UInt8]] = [
        [0, 1, 24],
        [0, 3, 24, 0, 10, 3, 0],
        [0, 1, 33, 0, 10, 3, 0, 0, 0],
        [0, 1, 24, 8, 10, 3, 0],
        [0, 1, 24, 0, 10, 3],
        [0, 1, 24, 0, 10, 3, 0, 0],
        [0, 1, 23, 0, 10, 3, 1],
        [0, 2, 129, 0] + [UInt8](repeating: 0, count: 17),
    ]

    @Test(arguments: malformed)
    func malformedOptionsGetFORMERR(_ data: [UInt8]) throws {
        let reply = try Self.respond("web.default.svc.clusterset.local", ecs: data)
        #expect(reply.rcode == .formErr)
        #expect(reply.answers.isEmpty)
        #expect(reply.edns?.option(.clientSubnet) == nil)
    }

    @Test func optionDataRoundTrips() throws {
        let subnet = try #require(ClientSubnet(optionData: [0, 2, 56, 0, 0x20, 0x01, 0x0D, 0xB8, 0, 0, 0x01]))
        #expect(subnet.family == 2)
        #expect(subnet.sourcePrefixLength == 56)
        #expect(subnet.address == [0x20, 0x01, 0x0D, 0xB8, 0, 0, 0x01] + [UInt8](repeating: 0, count: 9))
        #expect(subnet.responseOption(scopePrefixLength: 48).data == [0, 2, 56, 48, 0x20, 0x01, 0x0D, 0xB8, 0, 0, 0x01])
        let everyone = try #require(ClientSubnet(optionData: [0, 1, 0, 0]))
        #expect(everyone.address == [0, 0, 0, 0])
    }

    final class RecordingObserver: QueryObserver {
        let seen = Mutex<[(RecordType, ResponseCode, Duration, QueryChannel)]>([])

        func observe(type: RecordType, rcode: ResponseCode, duration: Duration, channel: QueryChannel) {
            seen.withLock { $0.append((type, rcode, duration, channel)) }
        }
    }

    @Test func observerSeesTypeRcodeAndDuration() throws {
        let observer = RecordingObserver()
        let responder = Self.responder(observer: observer)
        _ = try Self.respond("gone.default.svc.clusterset.local", ecs: nil, responder: responder)
        _ = responder.respond(
            to: ByteBuffer(bytes: [0xBE, 0xEF, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0xC0, 0x0C, 0, 1]), from: QueryResponderTests.client,
            overTCP: false, allocator: ByteBufferAllocator())
        let seen = observer.seen.withLock { $0 }
        #expect(seen.map { "\($0.0) \($0.1)" } == ["A NXDOMAIN", "TYPE0 FORMERR"])
        #expect(seen.allSatisfy { $0.2 >= .zero })
        #expect(seen.map(\.3) == [QueryChannel(transport: .udp, isIPv6: false), QueryChannel(transport: .udp, isIPv6: false)])
    }
}
