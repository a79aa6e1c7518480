public import NIOCore

/// Settings of the DNS listeners.
///
/// ```swift
/// let configuration = DNSServerConfiguration(listen: [try SocketAddress(ipAddress: "127.0.0.1", port: 5300)])
/// ```
public struct DNSServerConfiguration: Sendable {
    /// The addresses to serve; each gets a UDP and a TCP listener on the same port.
    ///
    /// IPv4 and IPv6 addresses are accepted; IPv6 listeners are IPv6-only, so `0.0.0.0` and `::`
    /// can both be listed with one port. Port 0 picks an ephemeral port shared by UDP and TCP.
    public var listen: [SocketAddress]

    /// The UDP socket receive buffer (`SO_RCVBUF`) in bytes, large so bursts are not dropped.
    ///
    /// The kernel caps it (on Linux at `net.core.rmem_max`); a capped value is logged at startup.
    public var udpReceiveBufferSize: Int

    /// How many datagrams one vector read (`recvmmsg`) takes from a UDP socket, at least 1.
    public var udpVectorReadCount: Int

    /// How many threads answer UDP per address, each on its own `SO_REUSEPORT` socket; at least 1.
    public var udpWorkers: Int

    /// The largest datagram read whole, in bytes (512 to 65535); larger ones arrive cut.
    ///
    /// Each UDP worker holds `udpVectorReadCount` datagrams of this size for receiving and as
    /// many for replies, allocated once and reused across reads.
    public var maxUDPMessageSize: Int

    /// How long a TCP connection may go without starting a message after its last complete one
    /// (or after it opened) before it is closed.
    public var tcpIdleTimeout: TimeAmount

    /// How long a TCP message may take to arrive whole once its first byte is in.
    public var tcpMessageTimeout: TimeAmount

    /// The most TCP connections open at once over all listeners; a new one beyond it closes the
    /// connection that has gone longest without completing a message.
    public var tcpMaxConnections: Int

    /// The most TCP connections one client address may hold; its connections beyond it are closed at once.
    public var tcpMaxConnectionsPerClient: Int

    /// The most responses of one TCP connection waiting to reach the socket; past it, and past
    /// ``tcpWriteBufferBytes``, the connection's further queries wait and it stops reading.
    public var tcpMaxQueriesInFlight: Int

    /// The unsent response bytes above which a TCP connection stops answering and reading until
    /// its client takes them (the write buffer's high water mark).
    public var tcpWriteBufferBytes: Int

    /// The most queries answered on one TCP connection before it is closed, or nil for no limit.
    public var tcpMaxQueriesPerConnection: Int?

    /// The length of the queue of TCP connections not yet accepted (`listen(2)` backlog).
    public var tcpBacklog: Int

    /// Creates the settings; every value but the addresses has a default suited to production.
    ///
    /// - Parameters:
    ///   - listen: The addresses to serve on UDP and TCP.
    ///   - udpReceiveBufferSize: `SO_RCVBUF` of the UDP sockets, 8 MiB by default.
    ///   - udpVectorReadCount: Datagrams per vector read, 64 by default.
    ///   - udpWorkers: UDP threads per address, one per CPU by default.
    ///   - maxUDPMessageSize: The largest datagram read whole, 65535 bytes by default, so none is cut.
    ///   - tcpIdleTimeout: Idle time before a TCP connection is closed, 10 seconds by default.
    ///   - tcpMessageTimeout: The time a started TCP message may take to complete, 3 seconds by default.
    ///   - tcpMaxConnections: The most open TCP connections, 1024 by default.
    ///   - tcpMaxConnectionsPerClient: The most TCP connections per client address, 64 by default.
    ///   - tcpMaxQueriesInFlight: The most unsent responses per TCP connection, 32 by default.
    ///   - tcpWriteBufferBytes: The unsent bytes per TCP connection before it pauses, 16 KiB by default.
    ///   - tcpMaxQueriesPerConnection: The most queries per TCP connection, unlimited by default.
    ///   - tcpBacklog: The TCP accept backlog, 256 by default.
    public init(
        listen: [SocketAddress],
        udpReceiveBufferSize: Int = 8 * 1024 * 1024,
        udpVectorReadCount: Int = 64,
        udpWorkers: Int = System.coreCount,
        maxUDPMessageSize: Int = 65535,
        tcpIdleTimeout: TimeAmount = .seconds(10),
        tcpMessageTimeout: TimeAmount = .seconds(3),
        tcpMaxConnections: Int = 1024,
        tcpMaxConnectionsPerClient: Int = 64,
        tcpMaxQueriesInFlight: Int = 32,
        tcpWriteBufferBytes: Int = 16 * 1024,
        tcpMaxQueriesPerConnection: Int? = nil,
        tcpBacklog: Int = 256
    ) {
        self.listen = listen
        self.udpReceiveBufferSize = udpReceiveBufferSize
        self.udpVectorReadCount = udpVectorReadCount
        self.udpWorkers = udpWorkers
        self.maxUDPMessageSize = maxUDPMessageSize
        self.tcpIdleTimeout = tcpIdleTimeout
        self.tcpMessageTimeout = tcpMessageTimeout
        self.tcpMaxConnections = tcpMaxConnections
        self.tcpMaxConnectionsPerClient = tcpMaxConnectionsPerClient
        self.tcpMaxQueriesInFlight = tcpMaxQueriesInFlight
        self.tcpWriteBufferBytes = tcpWriteBufferBytes
        self.tcpMaxQueriesPerConnection = tcpMaxQueriesPerConnection
        self.tcpBacklog = tcpBacklog
    }
}
