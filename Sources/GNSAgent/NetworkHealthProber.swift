internal import GNSModel
internal import NIOCore
internal import NIOHTTP1
internal import NIOPosix

/// Checks endpoints over the network: a TCP connect, or an HTTP/1.1 GET whose status must be
/// 200 to 399. It connects only to the address it is given (redirects are not followed), and
/// each check ends, failed, when its timeout runs out.
struct NetworkHealthProber: HealthProber {
    let group: any EventLoopGroup

    init(group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) {
        self.group = group
    }

    func probe(_ check: HealthCheck, address: IPAddress) async -> Bool {
        guard let target = try? SocketAddress(ipAddress: address.description, port: Int(check.port)) else { return false }
        let eventLoop = group.next()
        let verdict = eventLoop.makePromise(of: Bool.self)
        let deadline = eventLoop.scheduleTask(in: TimeAmount(check.timeout)) { verdict.succeed(false) }
        let host = if case .v6 = address { "[\(address)]:\(check.port)" } else { "\(address):\(check.port)" }
        let bootstrap = ClientBootstrap(group: eventLoop)
            .connectTimeout(TimeAmount(check.timeout))
            .channelInitializer { channel in
                guard check.kind == .http else { return channel.eventLoop.makeSucceededVoidFuture() }
                return channel.pipeline.addHTTPClientHandlers().flatMapThrowing {
                    try channel.pipeline.syncOperations.addHandler(
                        HTTPStatusHandler(path: check.path, host: host, verdict: verdict))
                }
            }
        bootstrap.connect(to: target).whenComplete { result in
            switch result {
            case .success(let channel):
                verdict.futureResult.whenComplete { _ in channel.close(promise: nil) }
                if check.kind == .tcp { verdict.succeed(true) }
            case .failure:
                verdict.succeed(false)
            }
        }
        let passed = (try? await verdict.futureResult.get()) ?? false
        deadline.cancel()
        return passed
    }
}
