import Logging
import NIOCore

/// Answers the queries of one TCP connection as they arrive (pipelining, RFC 7766 6.2.1.1).
///
/// Responses are written framed and flushed once per read burst. The connection closes when it
/// idles (an `IdleStateHandler` before this handler reports it), when its input ends (the client's
/// half-close or the server's graceful shutdown) after the pending responses are written, after
/// its last allowed query, or on any error, which is logged at debug level only.
final class TCPQueryHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let responder: any DNSResponder
    private let logger: Logger
    private var remainingQueries: Int
    private var client: SocketAddress?
    private var hasUnflushedResponses = false
    private var isClosing = false

    init(responder: any DNSResponder, maxQueries: Int?, logger: Logger) {
        self.responder = responder
        self.remainingQueries = maxQueries ?? .max
        self.logger = logger
    }

    func channelActive(context: ChannelHandlerContext) {
        self.client = context.channel.remoteAddress
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !self.isClosing, let client = self.client else {
            return
        }
        let query = Self.unwrapInboundIn(data)
        let allocator = context.channel.allocator
        if let response = self.responder.respond(to: query, from: client, over: .tcp, allocator: allocator) {
            do {
                context.write(
                    Self.wrapOutboundOut(try TCPMessageFramer.framed(response, allocator: allocator)),
                    promise: nil
                )
                self.hasUnflushedResponses = true
            } catch {
                self.close(context: context, after: error)
                return
            }
        }
        self.remainingQueries -= 1
        if self.remainingQueries == 0 {
            self.closeAfterPendingWrites(context: context)
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        if self.hasUnflushedResponses {
            self.hasUnflushedResponses = false
            context.flush()
        }
        context.fireChannelReadComplete()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is IdleStateHandler.IdleStateEvent {
            context.close(promise: nil)
        } else if event as? ChannelEvent == .inputClosed {
            self.closeAfterPendingWrites(context: context)
        } else {
            context.fireUserInboundEventTriggered(event)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        self.close(context: context, after: error)
    }

    /// Flushes, then closes once every response written so far has reached the socket.
    private func closeAfterPendingWrites(context: ChannelHandlerContext) {
        guard !self.isClosing else {
            return
        }
        self.isClosing = true
        self.hasUnflushedResponses = false
        let channel = context.channel
        // Writes complete in order, so an empty write completes after every response before it.
        context.writeAndFlush(Self.wrapOutboundOut(ByteBuffer())).whenComplete { _ in
            channel.close(promise: nil)
        }
    }

    private func close(context: ChannelHandlerContext, after error: any Error) {
        self.isClosing = true
        self.logger.debug(
            "DNS over TCP connection closed after error",
            metadata: ["client": "\(self.client?.endpointDescription ?? "unknown")", "error": "\(error)"]
        )
        context.close(promise: nil)
    }
}
