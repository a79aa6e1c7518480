import Logging
import NIOCore

/// Answers each datagram of a UDP listener with at most one datagram to the same address.
///
/// The hot path: no per-query allocation beyond the buffers, no address formatting, no locks,
/// and one flush per read burst.
final class UDPQueryHandler: ChannelInboundHandler {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>
    typealias OutboundOut = AddressedEnvelope<ByteBuffer>

    private let responder: any DNSResponder
    private let logger: Logger
    private var hasUnflushedResponses = false

    init(responder: any DNSResponder, logger: Logger) {
        self.responder = responder
        self.logger = logger
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let query = Self.unwrapInboundIn(data)
        guard
            let response = self.responder.respond(
                to: query.data,
                from: query.remoteAddress,
                over: .udp,
                allocator: context.channel.allocator
            ),
            // A socket that cannot take more is dropping datagrams anyway; queueing replies would only grow memory.
            context.channel.isWritable
        else {
            return
        }
        context.write(
            Self.wrapOutboundOut(AddressedEnvelope(remoteAddress: query.remoteAddress, data: response)),
            promise: nil
        )
        self.hasUnflushedResponses = true
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        if self.hasUnflushedResponses {
            self.hasUnflushedResponses = false
            context.flush()
        }
        context.fireChannelReadComplete()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        self.logger.debug("DNS over UDP socket error", metadata: ["error": "\(error)"])
    }
}
