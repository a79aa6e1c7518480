import Logging
import NIOCore
import NIOEmbedded
import Testing

@testable import DNSServer

@Suite("TCP query handler back-pressure")
struct TCPQueryHandlerTests {
    /// Counts the reads the pipeline asks the channel for.
    final class ReadCounter: ChannelOutboundHandler {
        typealias OutboundIn = Any
        var reads = 0

        func read(context: ChannelHandlerContext) {
            reads += 1
            context.read()
        }
    }

    private static func makeChannel(maxInFlight: Int = 4) throws -> (EmbeddedChannel, ReadCounter) {
        let counter = ReadCounter()
        let channel = EmbeddedChannel()
        try channel.pipeline.syncOperations.addHandlers([
            counter, TCPQueryHandler(responder: EchoResponder(), transport: .tcp, maxQueries: nil, maxInFlight: maxInFlight, logger: .silent),
        ])
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 53)).wait()
        return (channel, counter)
    }

    private static func queries(_ count: Int) -> [ByteBuffer] {
        (0..<count).map { ByteBuffer(string: "query \($0)") }
    }

    @Test("while the client takes no responses, queries wait unanswered and reads stop; all are answered in order once it does")
    func unwritableConnectionHoldsQueries() throws {
        let (channel, counter) = try Self.makeChannel()
        defer { _ = try? channel.finish() }
        channel.isWritable = false
        channel.pipeline.fireChannelWritabilityChanged()
        for query in Self.queries(100) {
            try channel.writeInbound(query)
        }
        #expect(try channel.readOutbound(as: ByteBuffer.self) == nil)
        let readsBefore = counter.reads
        channel.read()
        #expect(counter.reads == readsBefore)

        channel.isWritable = true
        channel.pipeline.fireChannelWritabilityChanged()
        var answers: [ByteBuffer] = []
        while let framed = try channel.readOutbound(as: ByteBuffer.self) {
            let length = Int(try #require(framed.getInteger(at: framed.readerIndex, as: UInt16.self)))
            answers.append(try #require(framed.getSlice(at: framed.readerIndex + 2, length: length)))
        }
        #expect(answers == Self.queries(100).map { EchoResponder.expectedResponse(to: $0, over: .tcp) })
        #expect(counter.reads == readsBefore + 1)
    }

    @Test("a writable connection answers each query as it arrives and keeps reading")
    func writableConnectionAnswersAtOnce() throws {
        let (channel, counter) = try Self.makeChannel()
        defer { _ = try? channel.finish() }
        try channel.writeInbound(ByteBuffer(string: "query"))
        channel.pipeline.fireChannelReadComplete()
        #expect(try channel.readOutbound(as: ByteBuffer.self) != nil)
        let readsBefore = counter.reads
        channel.read()
        #expect(counter.reads == readsBefore + 1)
    }
}
