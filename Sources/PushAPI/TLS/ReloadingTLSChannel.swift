import HummingbirdCore
import Logging
import NIOCore
import NIOSSL
import ServerTLS

/// A server child channel that speaks TLS with the context ``ReloadingTLSContext`` holds when
/// the connection opens, then runs `base` (the HTTP channel) inside it. Failed handshakes are
/// reported to `failed`.
struct ReloadingTLSChannel<Base: ServerChildChannel>: ServerChildChannel {
    typealias Value = Base.Value

    let base: Base
    let tls: ReloadingTLSContext
    let failed: @Sendable (TLSHandshakeFailure) -> Void

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        channel.eventLoop.makeCompletedFuture {
            try channel.pipeline.syncOperations.addHandlers(NIOSSLServerHandler(context: tls.current), TLSHandshakeObserver(failed: failed))
        }.flatMap {
            base.setup(channel: channel, logger: logger)
        }
    }

    func handle(value: Value, logger: Logger) async {
        await base.handle(value: value, logger: logger)
    }
}

extension HTTPServerBuilder {
    /// HTTP/1.1 with `configuration` inside TLS, with the context `tls` holds for each new connection.
    static func http1(
        configuration: HTTP1Channel.Configuration, tls: ReloadingTLSContext, failed: @escaping @Sendable (TLSHandshakeFailure) -> Void
    ) -> HTTPServerBuilder {
        HTTPServerBuilder { responder in
            ReloadingTLSChannel(base: HTTP1Channel(responder: responder, configuration: configuration), tls: tls, failed: failed)
        }
    }
}
