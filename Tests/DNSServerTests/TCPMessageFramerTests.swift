import NIOCore
import NIOEmbedded
import Testing

@testable import DNSServer

/// The TCP framer on an `EmbeddedChannel` with a clock the tests move: messages split or joined
/// in any way come out whole, an empty message closes the connection, and the two clocks close
/// it, bytes trickling in resetting neither.
struct TCPMessageFramerTests {
    static let idle = TimeAmount.seconds(10)
    static let message = TimeAmount.seconds(3)

    private static func makeChannel() throws -> (EmbeddedChannel, EmbeddedEventLoop) {
        let loop = EmbeddedEventLoop()
        let channel = EmbeddedChannel(loop: loop)
        let activity = TCPConnectionActivity(channel: channel, clientAddress: "127.0.0.1", openedAt: .now())
        try channel.pipeline.syncOperations.addHandler(
            ByteToMessageHandler(TCPMessageFramer(idleTimeout: idle, messageTimeout: message, activity: activity)))
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 53)).wait()
        return (channel, loop)
    }

    private static func bytes(_ values: [UInt8]) -> ByteBuffer {
        ByteBuffer(bytes: values)
    }

    @Test func messagesSplitOrJoinedComeOutWhole() throws {
        let (channel, _) = try Self.makeChannel()
        defer { _ = try? channel.finish() }
        try channel.writeInbound(Self.bytes([0]))
        try channel.writeInbound(Self.bytes([3, 1, 2]))
        #expect(try channel.readInbound(as: ByteBuffer.self) == nil)
        try channel.writeInbound(Self.bytes([3, 0, 1, 9, 0, 2, 7]))
        try channel.writeInbound(Self.bytes([8]))
        #expect(try channel.readInbound(as: ByteBuffer.self) == Self.bytes([1, 2, 3]))
        #expect(try channel.readInbound(as: ByteBuffer.self) == Self.bytes([9]))
        #expect(try channel.readInbound(as: ByteBuffer.self) == Self.bytes([7, 8]))
        #expect(try channel.readInbound(as: ByteBuffer.self) == nil)
    }

    @Test func anEmptyMessageIsAnError() throws {
        let (channel, _) = try Self.makeChannel()
        defer { _ = try? channel.finish() }
        #expect(throws: TCPMessageFramer.FramingError.self) {
            try channel.writeInbound(Self.bytes([0, 0]))
        }
    }

    @Test func aConnectionWithoutAMessageClosesAfterTheIdleTimeout() throws {
        let (channel, loop) = try Self.makeChannel()
        defer { _ = try? channel.finish() }
        loop.advanceTime(by: Self.idle - .milliseconds(1))
        #expect(channel.isActive)
        try channel.writeInbound(Self.bytes([0, 1, 5]))
        loop.advanceTime(by: Self.idle - .milliseconds(1))
        #expect(channel.isActive, "a complete message restarts the idle clock")
        loop.advanceTime(by: .milliseconds(2))
        #expect(!channel.isActive)
    }

    @Test func aStartedMessageMustCompleteWithinTheMessageTimeoutHoweverItTrickles() throws {
        let (channel, loop) = try Self.makeChannel()
        defer { _ = try? channel.finish() }
        try channel.writeInbound(Self.bytes([0]))
        loop.advanceTime(by: .seconds(2))
        try channel.writeInbound(Self.bytes([4, 1]))
        loop.advanceTime(by: .milliseconds(999))
        #expect(channel.isActive)
        try channel.writeInbound(Self.bytes([2]))
        loop.advanceTime(by: .milliseconds(2))
        #expect(!channel.isActive, "the bytes that trickled in did not restart the message clock")
    }

    @Test func aCompletedMessageStopsTheMessageClock() throws {
        let (channel, loop) = try Self.makeChannel()
        defer { _ = try? channel.finish() }
        try channel.writeInbound(Self.bytes([0, 2, 1]))
        loop.advanceTime(by: .seconds(2))
        try channel.writeInbound(Self.bytes([2]))
        loop.advanceTime(by: .seconds(5))
        #expect(channel.isActive)
        #expect(try channel.readInbound(as: ByteBuffer.self) == Self.bytes([1, 2]))
    }
}
