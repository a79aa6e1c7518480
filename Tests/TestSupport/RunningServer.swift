public import EndpointTable
import Foundation
public import GNSDServer
internal import Logging
public import NIOCore

/// A gnsd started in-process on ephemeral loopback ports, as `gnsd serve` would run it.
///
///     let server = try await RunningServer.start(zones: directory)
///     defer { await server.stop() }
///     let lookup = try await DNSLookup.query(.dig, port: server.port, "www.acme.local", "A")
public final class RunningServer: Sendable {
    public let application: GNSDApplication
    /// The UDP+TCP port on 127.0.0.1.
    public let port: Int
    /// The UDP+TCP port on ::1.
    public let ipv6Port: Int
    /// The push API's port on 127.0.0.1.
    public let apiPort: Int
    public let addresses: [SocketAddress]
    private let task: Task<Void, any Error>

    private init(application: GNSDApplication, addresses: [SocketAddress], apiPort: Int, task: Task<Void, any Error>) {
        self.application = application
        self.addresses = addresses
        self.port = addresses.first { $0.protocol == .inet }?.port ?? 0
        self.ipv6Port = addresses.first { $0.protocol == .inet6 }?.port ?? 0
        self.apiPort = apiPort
        self.task = task
    }

    /// Starts gnsd serving `zones` on 127.0.0.1 and ::1, each on an ephemeral port; `adjust`
    /// changes the configuration first. The withdrawal guard starts off, so that tests of other
    /// behaviour see a withdrawal at once; the guard's own tests turn it on.
    public static func start(
        zones: String, clock: any LeaseClock = SystemLeaseClock(), adjust: (inout Configuration) -> Void = { _ in }
    ) async throws -> RunningServer {
        var configuration = Configuration()
        configuration.zones.directory = zones
        configuration.zones.reloadIntervalSeconds = 0
        configuration.data.directory = nil
        configuration.api.listen = try ListenAddress(parsing: "127.0.0.1:0")
        configuration.dns.listen = try ["127.0.0.1:0", "[::1]:0"].map { try ListenAddress(parsing: $0) }
        configuration.withdrawalGuard = nil
        adjust(&configuration)
        var logger = Logger(label: "gnsd-test")
        logger.logLevel = .warning
        let application = try GNSDApplication(configuration: configuration, logger: logger, clock: clock, handlesSignals: false)
        let task = Task { try await application.run() }
        do {
            let addresses = try await application.dnsAddresses()
            let apiPort = try await application.apiListeningPort()
            return RunningServer(application: application, addresses: addresses, apiPort: apiPort, task: task)
        } catch {
            task.cancel()
            throw error
        }
    }

    /// Stops the server and waits until its listeners are closed.
    public func stop() async {
        task.cancel()
        _ = try? await task.value
    }
}
