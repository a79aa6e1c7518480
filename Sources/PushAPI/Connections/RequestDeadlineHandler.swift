internal import Logging
internal import NIOCore
internal import NIOHTTPTypes

/// Holds one push API connection to its deadlines (``ConnectionDeadlines``) and to the
/// connection limit (``ConnectionRegistry``): closes it when a request head or body is too slow
/// to arrive or a keep-alive connection stays idle too long, and when it opens past the limit
/// closes the connection that has waited longest for a request.
///
/// Sits after HTTP decoding, where whole request heads are seen; a fresh handler per connection:
///
/// ```swift
/// HTTP1Channel.Configuration(additionalChannelHandlers: [RequestDeadlineHandler(limits: limits, registry: registry, logger: logger)])
/// ```
final class RequestDeadlineHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let limits: HTTPServerLimits
    private let registry: ConnectionRegistry
    private let logger: Logger
    private var deadlines: ConnectionDeadlines?
    private var timer: Scheduled<Void>?
    private var timerDeadline: NIODeadline?

    init(limits: HTTPServerLimits, registry: ConnectionRegistry, logger: Logger) {
        self.limits = limits
        self.registry = registry
        self.logger = logger
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive {
            open(context: context)
        }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        forget(context: context)
    }

    func channelActive(context: ChannelHandlerContext) {
        open(context: context)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        forget(context: context)
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            update(context: context) { $0.headRead(at: $1) }
        case .body:
            break
        case .end:
            update(context: context) { $0.requestEndRead(at: $1) }
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) {
            update(context: context) { $0.responseEnded(at: $1) }
        }
        context.write(data, promise: promise)
    }

    /// Starts the connection's deadlines and registers it, closing whichever connection the limit evicts.
    private func open(context: ChannelHandlerContext) {
        guard deadlines == nil else { return }
        let now = context.eventLoop.now
        deadlines = ConnectionDeadlines(limits: limits, openedAt: now)
        if let evicted = registry.admit(context.channel, at: now) {
            if evicted === context.channel {
                logger.debug("push API connection limit reached with every connection answering: closing the new one")
                context.close(promise: nil)
                return
            }
            logger.debug("push API connection limit reached: closing the connection that waited longest for a request")
            evicted.close(promise: nil)
        }
        armTimer(context: context)
    }

    private func update(context: ChannelHandlerContext, _ change: (inout ConnectionDeadlines, NIODeadline) -> Void) {
        guard var deadlines else { return }
        change(&deadlines, context.eventLoop.now)
        self.deadlines = deadlines
        registry.update(context.channel, waitingSince: deadlines.waitingSince)
        armTimer(context: context)
    }

    /// Makes sure a timer fires no later than the current deadline; a timer that fires early re-arms itself.
    private func armTimer(context: ChannelHandlerContext) {
        guard let deadline = deadlines?.deadline else { return }
        if let timerDeadline, timerDeadline <= deadline { return }
        timer?.cancel()
        timerDeadline = deadline
        timer = context.eventLoop.assumeIsolated().scheduleTask(deadline: deadline) {
            self.timerFired(context: context)
        }
    }

    private func timerFired(context: ChannelHandlerContext) {
        timer = nil
        timerDeadline = nil
        guard let deadlines else { return }
        if deadlines.isExpired(at: context.eventLoop.now) {
            logger.debug("push API connection closed: no request progress before its deadline")
            context.close(promise: nil)
        } else {
            armTimer(context: context)
        }
    }

    private func forget(context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
        timerDeadline = nil
        deadlines = nil
        registry.remove(context.channel)
    }
}
