public import Authority
internal import Foundation

/// How gnsd serves DNS: where it listens and the limits it applies (the `dns:` section).
public struct DNSSettings: Sendable, Equatable {
    /// Addresses served over UDP and TCP (`listen`). Default `127.0.0.1:5300` and `[::1]:5300`.
    public var listen: [ListenAddress]
    /// The cap on the client's EDNS UDP size, in bytes, 512...65535 (`max-udp-payload`). Default 1232.
    public var maxUDPPayload: Int
    /// Receive buffer of each UDP socket, in bytes (`udp-receive-buffer`). Default 8 MiB.
    public var udpReceiveBufferBytes: Int
    /// Threads answering UDP per address, each on its own `SO_REUSEPORT` socket (`udp-workers`);
    /// `nil` (the default) runs one per CPU.
    public var udpWorkers: Int?
    /// Seconds a TCP connection may go without starting a message after its last one before gnsd
    /// closes it (`tcp-idle-timeout`). Default 10.
    public var tcpIdleTimeoutSeconds: Int
    /// Seconds a started TCP message may take to arrive whole (`tcp-message-timeout`). Default 3.
    public var tcpMessageTimeoutSeconds: Int
    /// The most TCP connections served at once (`tcp-max-connections`); a new one beyond it closes
    /// the one that has gone longest without a message. Default 1024.
    public var tcpMaxConnections: Int
    /// The most TCP connections one client address may hold (`tcp-max-connections-per-client`). Default 64.
    public var tcpMaxConnectionsPerClient: Int
    /// The most responses one TCP connection may leave unread before gnsd stops reading its
    /// queries (`tcp-max-queries-in-flight`). Default 32.
    public var tcpMaxQueriesInFlight: Int
    /// The memory all UDP workers together may use for encoded answer copies, in bytes
    /// (`answer-cache-bytes`), split evenly over the workers of every address. Default 160 MiB.
    public var answerCacheBytes: Int
    /// The name sent in the EDNS NSID option when asked (`nsid`); `nil` turns NSID off. Default `nil`.
    public var nsid: String?
    /// What `CH TXT id.server` and `hostname.bind` answer (`identity`); `null` refuses them.
    /// Default the host name.
    public var identity: String?
    /// What `CH TXT version.server` and `version.bind` answer (`version`); `null` refuses them.
    /// Default `gnsd <version>`.
    public var version: String?
    /// True when extended DNS errors (RFC 8914) carry text naming the clusters behind a stale
    /// answer or why no cluster answers a name (`extended-error-text`). Default false: the text
    /// discloses cluster names to anyone who can query.
    public var extendedErrorText: Bool
    /// The 16-byte key for server DNS cookies (`cookie-secret`); `nil` picks a random one at each start.
    public var cookieSecret: [UInt8]?
    /// Seconds after which the key server cookies are made with rotates (`cookie-rotation`); the
    /// previous key is still accepted. Default a day.
    public var cookieRotationSeconds: Int
    /// Response rate limiting of UDP answers (`rate-limit`); `nil` turns it off. Default on.
    public var rateLimit: RateLimitSettings?
    /// DNS over TLS (`tls`); `nil`, the default, serves none.
    public var tls: DoTSettings?

    /// The defaults: serve on loopback port 5300, 1232-byte UDP answers, NSID off, random cookie secret.
    public init() {
        listen = [ListenAddress(host: "127.0.0.1", port: 5300), ListenAddress(host: "::1", port: 5300)]
        maxUDPPayload = 1232
        udpReceiveBufferBytes = 8 << 20
        udpWorkers = nil
        tcpIdleTimeoutSeconds = 10
        tcpMessageTimeoutSeconds = 3
        tcpMaxConnections = 1024
        tcpMaxConnectionsPerClient = 64
        tcpMaxQueriesInFlight = 32
        answerCacheBytes = 160 << 20
        nsid = nil
        identity = ProcessInfo.processInfo.hostName
        version = "gnsd \(GNSDVersion.current)"
        extendedErrorText = false
        cookieSecret = nil
        cookieRotationSeconds = ServerCookie.Secret.defaultRotationSeconds
        rateLimit = RateLimitSettings()
        tls = nil
    }
}

extension DNSSettings: ConfigurationSection {
    static var fields: [ConfigurationField<Self>] {
        [
            .init("listen", \.listen) { node throws(ConfigurationError) in
                let addresses = try node.list { item throws(ConfigurationError) in try item.scalar(.listenAddress) }
                return try checkedListen(addresses)
            },
            .init("max-udp-payload", \.maxUDPPayload, .integer(in: 512...65535)),
            .init("udp-receive-buffer", \.udpReceiveBufferBytes, .integer(in: 4096...(1 << 30))),
            .init("udp-workers", \.udpWorkers, .integer(in: 1...256)),
            .init("tcp-idle-timeout", \.tcpIdleTimeoutSeconds, .integer(in: 1...3600)),
            .init("tcp-message-timeout", \.tcpMessageTimeoutSeconds, .integer(in: 1...60)),
            .init("tcp-max-connections", \.tcpMaxConnections, .integer(in: 1...1_000_000)),
            .init("tcp-max-connections-per-client", \.tcpMaxConnectionsPerClient, .integer(in: 1...1_000_000)),
            .init("tcp-max-queries-in-flight", \.tcpMaxQueriesInFlight, .integer(in: 1...65535)),
            .init("answer-cache-bytes", \.answerCacheBytes, .integer(in: (1 << 20)...(1 << 40))),
            .init("nsid", \.nsid, .text(maxBytes: 255)),
            .init("identity", \.identity, .text(maxBytes: 255)),
            .init("version", \.version, .text(maxBytes: 255)),
            .init("extended-error-text", \.extendedErrorText, .bool),
            .init("cookie-secret", \.cookieSecret, .hexBytes(count: 16)),
            .init("cookie-rotation", \.cookieRotationSeconds, .integer(in: 3600...31_536_000)),
            .optionalSection("rate-limit", \.rateLimit),
            .optionalSection("tls", \.tls),
        ]
    }

    /// The listen list as given, if it names at least one address and none twice.
    static func checkedListen(_ addresses: [ListenAddress]) throws(ConfigurationError) -> [ListenAddress] {
        guard !addresses.isEmpty else {
            throw ConfigurationError(reason: "must list at least one address")
        }
        var seen: Set<ListenAddress> = []
        for address in addresses where !seen.insert(address).inserted {
            throw ConfigurationError(reason: "lists \(address) more than once")
        }
        return addresses
    }
}
