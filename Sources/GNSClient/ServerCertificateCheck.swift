import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import NIOTLS
import X509

/// Why gnsd's certificate failed verification, found the way an operator would: fetch it once
/// more without verifying, and compare its dates and issuer with the CA the client trusts.
enum ServerCertificateCheck {
    /// `TLS: gnsd's certificate (CN=gnsd) expired on 2026-01-02 00:00:00 +0000`, or `nil` when
    /// the certificate cannot be fetched or no cause is found.
    static func explain(_ server: String, trusting caFile: String?) async -> String? {
        guard let components = URLComponents(string: server), let host = components.host,
            let leaf = try? await fetchCertificate(host: host, port: components.port ?? 443)
        else { return nil }
        let now = Date()
        if now > leaf.notValidAfter {
            return "TLS: gnsd's certificate (\(leaf.subject)) expired on \(leaf.notValidAfter)"
        }
        if now < leaf.notValidBefore {
            return "TLS: gnsd's certificate (\(leaf.subject)) is not valid before \(leaf.notValidBefore)"
        }
        guard let caFile else {
            return "TLS: gnsd's certificate (\(leaf.subject)) is issued by \(leaf.issuer), which the system does not trust; give its CA file"
        }
        let authorities = ((try? NIOSSLCertificate.fromPEMFile(caFile)) ?? []).compactMap { try? Certificate(derEncoded: $0.toDERBytes()) }
        guard authorities.contains(where: { $0.subject == leaf.issuer }) else {
            let shown = authorities.prefix(3).map { "\($0.subject)" } + (authorities.count > 3 ? ["and \(authorities.count - 3) more"] : [])
            let trusted = shown.joined(separator: "; ")
            return "TLS: gnsd's certificate (\(leaf.subject)) is issued by \(leaf.issuer), not by the CA in \(caFile) (\(trusted))"
        }
        return nil
    }

    /// The certificate gnsd presents at `host:port`, read without verifying it within 5 s.
    private static func fetchCertificate(host: String, port: Int) async throws -> Certificate? {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.certificateVerification = .none
        let context = try NIOSSLContext(configuration: configuration)
        let loop = MultiThreadedEventLoopGroup.singleton.next()
        let presented = loop.makePromise(of: NIOSSLCertificate?.self)
        let channel = try await ClientBootstrap(group: loop)
            .connectTimeout(.seconds(5))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandlers(
                        NIOSSLClientHandler(context: context, serverHostname: nil), PeerCertificateReader(presented: presented))
                }
            }
            .connect(host: host, port: port).get()
        defer { channel.close(promise: nil) }
        let deadline = loop.scheduleTask(in: .seconds(5)) { presented.fail(ChannelError.connectTimeout(.seconds(5))) }
        defer { deadline.cancel() }
        guard let certificate = try await presented.futureResult.get() else { return nil }
        return try Certificate(derEncoded: certificate.toDERBytes())
    }
}

/// Completes `presented` with the peer's certificate when the TLS handshake ends, or fails it
/// when the connection fails first.
private final class PeerCertificateReader: ChannelInboundHandler, Sendable {
    typealias InboundIn = NIOAny
    let presented: EventLoopPromise<NIOSSLCertificate?>

    init(presented: EventLoopPromise<NIOSSLCertificate?>) {
        self.presented = presented
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case .handshakeCompleted = event as? TLSUserEvent {
            presented.succeed(try? context.pipeline.syncOperations.handler(type: NIOSSLClientHandler.self).peerCertificate)
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        presented.fail(error)
        context.fireErrorCaught(error)
    }

    func channelInactive(context: ChannelHandlerContext) {
        presented.fail(ChannelError.eof)
        context.fireChannelInactive()
    }
}
