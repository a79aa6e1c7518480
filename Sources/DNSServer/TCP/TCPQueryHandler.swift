import Logging
import NIOCore
import NIOPosix

/// Answers the queries of one TCP connection as they arrive (pipelining, RFC 7766 6.2.1.1),
/// holding no more than a few responses for a client that does not read them.
///
/// A query is answered at once while the connection is writable (its unsent bytes are below the
/// write buffer's high water mark) and fewer than `maxInFlight` responses wait to reach the
/// socket; otherwise it waits in order, and the connection stops reading until those drain, so
/// a client that sends without reading makes gnsd hold a bounded amount, never more.
///
/// Responses are flushed once per read burst. The connection closes when its input ends (the
/// client's half-close or the server's graceful shutdown) after the pending queries are answered
/// and written, after its last allowed query, or on any error, which is logged at debug level only.
final class TCPQueryHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let responder: any DNSResponder
    /// `.tcp`, or `.tls` on a DNS-over-TLS connection.
    private let transport: DNSTransport
    private let logger: Logger
    private let maxInFlight: Int
    private var remainingQueries: Int
    private var client: SocketAddress?
    private var waiting = CircularBuffer<ByteBuffer>()
    /// Responses written but not yet on the socket.
    private var inFlight = 0
    private var readHeld = false
    /// True while ``answerWaiting(context:)`` or ``resume(context:)`` runs; a write completing
    /// then sets `resumeAgain` instead of resuming from inside them.
    private var isAnswering = false
    private var isResuming = false
    private var resumeAgain = false
    private var hasUnflushedResponses = false
    private var inputClosed = false
    private var isClosing = false
    /// True while a streamed response (a zone transfer) is being worked out; later queries wait.
    private var isStreaming = false
    /// The connection as its idle timeout sees it: not idle while a streamed response is worked out.
    private let activity: TCPConnectionActivity?

    init(
        responder: any DNSResponder, transport: DNSTransport, maxQueries: Int?, maxInFlight: Int, activity: TCPConnectionActivity? = nil,
        logger: Logger
    ) {
        self.responder = responder
        self.transport = transport
        self.remainingQueries = maxQueries ?? .max
        self.maxInFlight = maxInFlight
        self.activity = activity
        self.logger = logger
    }

    func channelActive(context: ChannelHandlerContext) {
        self.client = context.channel.remoteAddress
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        self.isClosing = true
        self.waiting.removeAll()
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !self.isClosing else {
            return
        }
        self.waiting.append(Self.unwrapInboundIn(data))
        self.answerWaiting(context: context)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        self.flushIfNeeded(context: context)
        context.fireChannelReadComplete()
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        self.resume(context: context)
        context.fireChannelWritabilityChanged()
    }

    /// Holds the next read while queries wait or the client has not taken its responses.
    func read(context: ChannelHandlerContext) {
        if self.waiting.isEmpty && self.canAnswer(context: context) {
            context.read()
        } else {
            self.readHeld = true
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event as? ChannelEvent == .inputClosed {
            self.inputClosed = true
            if self.waiting.isEmpty && !self.isStreaming {
                self.closeAfterPendingWrites(context: context)
            }
        } else {
            context.fireUserInboundEventTriggered(event)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        self.close(context: context, after: error)
    }

    private func canAnswer(context: ChannelHandlerContext) -> Bool {
        !self.isStreaming && context.channel.isWritable && self.inFlight < self.maxInFlight
    }

    /// Answers waiting queries while the connection can take their responses.
    private func answerWaiting(context: ChannelHandlerContext) {
        self.isAnswering = true
        while !self.isClosing, self.canAnswer(context: context), let query = self.waiting.popFirst() {
            self.answer(query, context: context)
        }
        self.isAnswering = false
        if self.waiting.isEmpty && self.inputClosed && !self.isStreaming {
            self.closeAfterPendingWrites(context: context)
        }
    }

    /// Answers what waits and reads again once responses have drained. Writes completing while it
    /// flushes make it go round again instead of recursing.
    private func resume(context: ChannelHandlerContext) {
        self.isResuming = true
        repeat {
            self.resumeAgain = false
            self.answerWaiting(context: context)
            self.flushIfNeeded(context: context)
        } while self.resumeAgain && !self.isClosing
        self.isResuming = false
        if self.readHeld, !self.isClosing, self.waiting.isEmpty, self.canAnswer(context: context) {
            self.readHeld = false
            context.read()
        }
    }

    private func answer(_ query: ByteBuffer, context: ChannelHandlerContext) {
        guard let client = self.client else {
            return
        }
        let allocator = context.channel.allocator
        if let streamed = self.responder.streamedResponse(to: query, from: client, over: self.transport) {
            self.stream(streamed, context: context)
        } else if let response = self.responder.respond(to: query, from: client, over: self.transport, allocator: allocator) {
            self.write(response, context: context)
        }
        self.remainingQueries -= 1
        if self.remainingQueries == 0 && !self.isStreaming {
            self.closeAfterPendingWrites(context: context)
        }
    }

    /// Works out `streamed` on NIO's thread pool, then writes its messages in order; queries that
    /// arrive meanwhile wait.
    private func stream(_ streamed: @escaping StreamedResponse, context: ChannelHandlerContext) {
        self.isStreaming = true
        self.activity?.beginResponse()
        NIOThreadPool.singleton.runIfActive(eventLoop: context.eventLoop, streamed).assumeIsolated().whenComplete { result in
            self.isStreaming = false
            self.activity?.endResponse(at: context.eventLoop.now)
            guard !self.isClosing else {
                return
            }
            guard case .success(let messages) = result else {
                self.closeAfterPendingWrites(context: context)
                return
            }
            for message in messages {
                self.write(message, context: context)
            }
            self.flushIfNeeded(context: context)
            if self.remainingQueries == 0 {
                self.closeAfterPendingWrites(context: context)
            } else {
                self.resume(context: context)
            }
        }
    }

    private func write(_ response: ByteBuffer, context: ChannelHandlerContext) {
        let framed: ByteBuffer
        do {
            framed = try TCPMessageFramer.framed(response, allocator: context.channel.allocator)
        } catch {
            self.close(context: context, after: error)
            return
        }
        self.inFlight += 1
        let written = context.eventLoop.makePromise(of: Void.self)
        written.futureResult.assumeIsolated().whenComplete { result in
            self.inFlight -= 1
            if case .failure(let error) = result {
                self.close(context: context, after: error)
            } else if self.isAnswering || self.isResuming {
                self.resumeAgain = true
            } else if !self.isClosing {
                self.resume(context: context)
            }
        }
        context.write(Self.wrapOutboundOut(framed), promise: written)
        self.hasUnflushedResponses = true
    }

    private func flushIfNeeded(context: ChannelHandlerContext) {
        if self.hasUnflushedResponses {
            self.hasUnflushedResponses = false
            context.flush()
        }
    }

    /// Flushes, then closes once every response written so far has reached the socket.
    private func closeAfterPendingWrites(context: ChannelHandlerContext) {
        guard !self.isClosing else {
            return
        }
        self.isClosing = true
        self.hasUnflushedResponses = false
        self.waiting.removeAll()
        let channel = context.channel
        // Writes complete in order, so an empty write completes after every response before it.
        context.writeAndFlush(Self.wrapOutboundOut(ByteBuffer())).whenComplete { _ in
            channel.close(promise: nil)
        }
    }

    private func close(context: ChannelHandlerContext, after error: any Error) {
        guard !self.isClosing else {
            return
        }
        self.isClosing = true
        self.waiting.removeAll()
        self.logger.debug(
            "DNS over TCP connection closed after error",
            metadata: ["client": "\(self.client?.endpointDescription ?? "unknown")", "error": "\(error)"]
        )
        context.close(promise: nil)
    }
}
