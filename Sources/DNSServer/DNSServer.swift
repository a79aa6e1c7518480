public import Logging
public import NIOCore
public import ServiceLifecycle

/// The UDP and TCP listeners of the DNS server as one swift-service-lifecycle `Service`.
///
/// Every configured address gets a UDP and a TCP listener on the same port. Each query is
/// handed to the responder; the transports only move bytes.
///
/// ```swift
/// let server = DNSServer(configuration: configuration, responder: responder,
///                        eventLoopGroup: MultiThreadedEventLoopGroup.singleton, logger: logger)
/// let group = ServiceGroup(services: [server], logger: logger)
/// try await group.run()
/// ```
public final class DNSServer: Service, Sendable {
    let configuration: DNSServerConfiguration
    let responder: any DNSResponder
    let eventLoopGroup: any EventLoopGroup
    let dnsOverTLS: DNSOverTLS?
    let logger: Logger
    private let boundAddresses = ListeningAddresses()
    private let connections: TCPConnectionRegistry

    /// Creates the server; nothing is bound before ``run()``.
    ///
    /// - Parameters:
    ///   - configuration: The addresses and limits of the listeners.
    ///   - responder: Answers each query.
    ///   - eventLoopGroup: The NIO event loops of the sockets, a `MultiThreadedEventLoopGroup`.
    ///   - dnsOverTLS: DNS-over-TLS listeners besides the plain ones, under the same TCP limits.
    ///   - logger: Receives startup messages and, at debug level, connection errors.
    public init(
        configuration: DNSServerConfiguration,
        responder: any DNSResponder,
        eventLoopGroup: any EventLoopGroup,
        dnsOverTLS: DNSOverTLS? = nil,
        logger: Logger
    ) {
        self.configuration = configuration
        self.responder = responder
        self.eventLoopGroup = eventLoopGroup
        self.dnsOverTLS = dnsOverTLS
        self.logger = logger
        connections = TCPConnectionRegistry(limit: configuration.tcpMaxConnections, perClientLimit: configuration.tcpMaxConnectionsPerClient)
    }

    /// The TCP and TLS connections open now.
    public var openTCPConnections: Int {
        connections.openCount
    }

    /// Binds every listener, then serves until graceful shutdown or cancellation.
    ///
    /// On graceful shutdown the listeners stop receiving and accepting, open TCP connections
    /// stop reading, write the responses to the queries already read and close; this returns
    /// once the last one has closed. On cancellation everything is closed at once. A listener
    /// closed by a socket error stops the server the same graceful way, then this throws.
    /// Call it once per server.
    public func run() async throws {
        let connections = self.connections
        let listeners: [DNSListener]
        do {
            try self.configuration.validate()
            listeners = try await self.bindListeners(connections: connections)
        } catch {
            self.boundAddresses.publish(.failure(error))
            throw error
        }
        self.boundAddresses.publish(.success(listeners.filter { $0.udp != nil }.map(\.address)))
        for listener in listeners {
            self.logger.info("listening for DNS on \(listener.udp == nil ? "tls" : "udp+tcp") \(listener.address.endpointDescription)")
        }

        try await withTaskCancellationHandler {
            try await withGracefulShutdownHandler {
                try await Self.serve(listeners, connections: connections)
            } onGracefulShutdown: {
                Self.stop(listeners, connections: connections, closingConnections: .input)
            }
        } onCancel: {
            Self.stop(listeners, connections: connections, closingConnections: .all)
        }
    }

    /// Returns the address of every plain listener, in configuration order and with the actual port,
    /// once ``run()`` has bound them all; throws the error that made binding fail.
    public func listeningAddresses() async throws -> [SocketAddress] {
        try await self.boundAddresses.wait()
    }

    /// Waits until a listener closes, stops the others if that was not asked for, then waits
    /// for the last TCP connection to close.
    private static func serve(_ listeners: [DNSListener], connections: TCPConnectionRegistry) async throws {
        let stoppedOnRequest = await withTaskGroup(of: Void.self) { group in
            for listener in listeners {
                if let udp = listener.udp {
                    group.addTask { await udp.waitUntilStopped() }
                }
                group.addTask { try? await listener.tcp.closeFuture.get() }
            }
            await group.next()
            let stoppedOnRequest = connections.isClosed
            if !stoppedOnRequest {
                Self.stop(listeners, connections: connections, closingConnections: .input)
            }
            return stoppedOnRequest
        }
        await connections.waitUntilEmpty()
        guard stoppedOnRequest else {
            throw DNSListener.UnexpectedClose()
        }
    }

    /// Closes the TCP connections with `mode`, then the listeners; in that order so that
    /// ``serve(_:connections:)`` finding a listener closed knows whether it was asked for.
    private static func stop(
        _ listeners: [DNSListener],
        connections: TCPConnectionRegistry,
        closingConnections mode: CloseMode
    ) {
        connections.closeAll(mode: mode)
        for listener in listeners {
            listener.stopListening()
        }
    }
}
