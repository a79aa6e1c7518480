internal import NIOCore
internal import NIOHTTP1

/// Sends one GET once connected and turns the response status into a verdict; a closed or
/// failed connection fails the check.
final class HTTPStatusHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundOut = HTTPClientRequestPart

    private let path: String
    private let host: String
    private let verdict: EventLoopPromise<Bool>

    init(path: String, host: String, verdict: EventLoopPromise<Bool>) {
        self.path = path
        self.host = host
        self.verdict = verdict
    }

    func channelActive(context: ChannelHandlerContext) {
        let headers = HTTPHeaders([("Host", host), ("User-Agent", "gnsd-agent"), ("Connection", "close")])
        context.write(wrapOutboundOut(.head(HTTPRequestHead(version: .http1_1, method: .GET, uri: path, headers: headers))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .head(let head) = unwrapInboundIn(data) {
            verdict.succeed((200..<400).contains(head.status.code))
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        verdict.succeed(false)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        verdict.succeed(false)
        context.close(promise: nil)
    }
}
