public import NIOCore
import NIOSSL
import NIOTLS

/// Sits behind a server's TLS handler and reports each handshake that fails, once, by
/// ``TLSHandshakeFailure``; a connection closed before its handshake ended counts as
/// ``TLSHandshakeFailure/closedEarly``. It forwards everything it sees.
public final class TLSHandshakeObserver: ChannelInboundHandler, RemovableChannelHandler {
    public typealias InboundIn = NIOAny

    private let failed: @Sendable (TLSHandshakeFailure) -> Void
    private var settled = false

    /// An observer calling `failed` for a failed handshake.
    public init(failed: @escaping @Sendable (TLSHandshakeFailure) -> Void) {
        self.failed = failed
    }

    public func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case .handshakeCompleted = event as? TLSUserEvent {
            settled = true
        }
        context.fireUserInboundEventTriggered(event)
    }

    public func errorCaught(context: ChannelHandlerContext, error: any Error) {
        report(TLSHandshakeFailure(error))
        context.fireErrorCaught(error)
    }

    public func channelInactive(context: ChannelHandlerContext) {
        report(.closedEarly)
        context.fireChannelInactive()
    }

    private func report(_ failure: TLSHandshakeFailure) {
        guard !settled else { return }
        settled = true
        failed(failure)
    }
}
