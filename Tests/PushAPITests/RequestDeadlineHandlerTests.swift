import HTTPTypes
import Logging
import NIOCore
import NIOEmbedded
import NIOHTTPTypes
import Testing

@testable import PushAPI

/// ``RequestDeadlineHandler`` on embedded channels sharing one loop, whose clock the tests move.
@Suite("Request deadlines and the connection limit")
struct RequestDeadlineHandlerTests {
    private let limits = HTTPServerLimits(
        requestHeadTimeout: .seconds(5), requestBodyTimeout: .seconds(60), idleTimeout: .seconds(75), maxConnections: 2)
    private let loop = EmbeddedEventLoop()

    /// A connected channel with a fresh handler on the shared loop.
    private func connect(_ registry: ConnectionRegistry) throws -> EmbeddedChannel {
        let channel = EmbeddedChannel(
            handler: RequestDeadlineHandler(limits: limits, registry: registry, logger: Logger(label: "test")), loop: loop)
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 8053)).wait()
        return channel
    }

    private func head(_ channel: EmbeddedChannel) throws {
        try channel.writeInbound(HTTPRequestPart.head(HTTPRequest(method: .post, scheme: nil, authority: nil, path: "/v1/clusters/a/heartbeat")))
    }

    private func answer(_ channel: EmbeddedChannel) throws {
        try channel.writeOutbound(HTTPResponsePart.head(HTTPResponse(status: .ok)))
        try channel.writeOutbound(HTTPResponsePart.end(nil))
    }

    @Test func aConnectionWithoutAWholeHeadClosesAtTheHeadDeadline() throws {
        let registry = ConnectionRegistry(limit: 2)
        let channel = try connect(registry)
        loop.advanceTime(by: .milliseconds(4999))
        #expect(channel.isActive)
        loop.advanceTime(by: .milliseconds(1))
        #expect(!channel.isActive)
        #expect(registry.count == 0)
    }

    @Test func aBodyThatTricklesClosesAtTheBodyDeadline() throws {
        let registry = ConnectionRegistry(limit: 2)
        let channel = try connect(registry)
        loop.advanceTime(by: .seconds(1))
        try head(channel)
        for _ in 0..<59 {
            try channel.writeInbound(HTTPRequestPart.body(ByteBuffer(string: "{")))
            loop.advanceTime(by: .seconds(1))
        }
        #expect(channel.isActive)
        loop.advanceTime(by: .seconds(1))
        #expect(!channel.isActive)
    }

    @Test func anAnsweredRequestHasNoDeadlineThenTheConnectionIdles() throws {
        let registry = ConnectionRegistry(limit: 2)
        let channel = try connect(registry)
        try head(channel)
        try channel.writeInbound(HTTPRequestPart.end(nil))
        loop.advanceTime(by: .seconds(600))
        #expect(channel.isActive)
        try answer(channel)
        loop.advanceTime(by: .seconds(74))
        #expect(channel.isActive)
        try head(channel)
        try channel.writeInbound(HTTPRequestPart.end(nil))
        try answer(channel)
        loop.advanceTime(by: .seconds(74))
        #expect(channel.isActive)
        loop.advanceTime(by: .seconds(1))
        #expect(!channel.isActive)
    }

    @Test func pastTheLimitTheConnectionWaitingLongestCloses() throws {
        let registry = ConnectionRegistry(limit: 2)
        let oldest = try connect(registry)
        loop.advanceTime(by: .seconds(1))
        let answering = try connect(registry)
        try head(answering)
        loop.advanceTime(by: .seconds(1))
        let newer = try connect(registry)
        #expect(!oldest.isActive)
        #expect(answering.isActive && newer.isActive)
        loop.advanceTime(by: .seconds(1))
        let newest = try connect(registry)
        #expect(!newer.isActive)
        #expect(answering.isActive && newest.isActive)
        #expect(registry.count == 2)
    }

    @Test func whenEveryConnectionAnswersTheNewOneCloses() throws {
        let registry = ConnectionRegistry(limit: 2)
        let first = try connect(registry)
        let second = try connect(registry)
        try head(first)
        try head(second)
        let refused = try connect(registry)
        #expect(!refused.isActive)
        #expect(first.isActive && second.isActive)
        try answer(first)
        let admitted = try connect(registry)
        #expect(!first.isActive)
        #expect(admitted.isActive && second.isActive)
    }

    @Test func aClosedConnectionLeavesTheRegistry() throws {
        let registry = ConnectionRegistry(limit: 2)
        let channel = try connect(registry)
        #expect(registry.count == 1)
        try channel.close().wait()
        #expect(registry.count == 0)
    }
}
