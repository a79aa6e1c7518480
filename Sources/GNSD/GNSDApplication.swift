public import Authority
internal import DNSServer
internal import Foundation
public import Logging
public import NIOCore
internal import NIOPosix
internal import ServiceLifecycle
internal import UnixSignals

/// gnsd assembled from its configuration: the zones, the answer path, the DNS listeners and the
/// zone reloader, run as one `ServiceGroup`. The `gnsd serve` command and the tests build the same.
///
///     let app = try GNSDApplication(configuration: Configuration(), logger: logger)
///     try await app.run()
public final class GNSDApplication: Sendable {
    public let configuration: Configuration
    /// The zone set being served; reloads publish through it.
    public let zones: ZoneSetPublisher
    private let dnsServer: DNSServer
    private let reloader: ZoneReloader
    private let handlesSignals: Bool
    private let logger: Logger

    /// Loads the zones and prepares every service; nothing listens before ``run()``.
    /// - Parameter handlesSignals: trap SIGTERM/SIGINT (graceful shutdown) and SIGHUP (zone reload);
    ///   off when embedded in tests.
    public init(configuration: Configuration, logger: Logger, handlesSignals: Bool = true) throws {
        let zoneSet = try ZoneCatalog.load(directory: configuration.zones.directory)
        logger.info("zones loaded", metadata: zoneSet.summaryMetadata)
        let zones = ZoneSetPublisher(zoneSet)
        let dns = configuration.dns
        let settings = ResponderSettings(
            maxUDPPayload: dns.maxUDPPayload,
            nsid: dns.nsid.map { Array($0.utf8) },
            cookieSecret: dns.cookieSecret ?? (0..<16).map { _ in UInt8.random(in: .min ... .max) })
        let responder = QueryResponder(zones: zones, settings: settings) {
            UInt32(truncatingIfNeeded: Int(Date().timeIntervalSince1970))
        }
        let serverConfiguration = DNSServerConfiguration(
            listen: try dns.listen.map { try SocketAddress(ipAddress: $0.host, port: $0.port) },
            udpReceiveBufferSize: dns.udpReceiveBufferBytes,
            tcpIdleTimeout: .seconds(Int64(dns.tcpIdleTimeoutSeconds)),
            tcpMaxConnections: dns.tcpMaxConnections)
        let interval = configuration.zones.reloadIntervalSeconds
        self.configuration = configuration
        self.zones = zones
        self.handlesSignals = handlesSignals
        self.logger = logger
        self.dnsServer = DNSServer(
            configuration: serverConfiguration, responder: AuthorityResponder(responder: responder),
            eventLoopGroup: MultiThreadedEventLoopGroup.singleton, logger: logger)
        self.reloader = ZoneReloader(
            directory: configuration.zones.directory, checkInterval: interval > 0 ? .seconds(interval) : nil,
            publisher: zones, reloadSignal: handlesSignals ? .sighup : nil, logger: logger)
    }

    /// Serves until SIGTERM/SIGINT (when handling signals) or cancellation, then shuts down gracefully.
    public func run() async throws {
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [.init(service: reloader, successTerminationBehavior: .ignore), .init(service: dnsServer)],
                gracefulShutdownSignals: handlesSignals ? [.sigterm, .sigint] : [],
                logger: logger))
        try await group.run()
    }

    /// The addresses the DNS listeners are bound to, with real ports, once they are.
    public func dnsAddresses() async throws -> [SocketAddress] {
        try await dnsServer.listeningAddresses()
    }

    /// Reloads the zone directory now; false when it failed and the previous zones stay.
    @discardableResult
    public func reloadZones() -> Bool {
        reloader.reload()
    }
}
