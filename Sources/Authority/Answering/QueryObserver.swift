public import DNSWire

/// Sees every answered query, for metrics; called on the query path, so it must be quick and must not block.
/// A class: the answer path holds it as a reference, which costs a retain to pass on, where a
/// value existential would be copied through its witness table for every query.
public protocol QueryObserver: AnyObject, Sendable {
    /// One response was built: the question's type (`TYPE0` when the question could not be read),
    /// the response code, the time from receiving the bytes to the encoded response, and how the
    /// query came.
    func observe(type: RecordType, rcode: ResponseCode, duration: Duration, channel: QueryChannel)
}

/// How a query reached gnsd: its transport and the client's address family, the `proto` and
/// `family` labels of CoreDNS's request metrics; a small number, so metrics index by it.
public struct QueryChannel: Hashable, Sendable {
    /// The transport a query came over.
    public enum Transport: Int, CaseIterable, Sendable {
        case udp, tcp, tls

        /// The `proto` label.
        public var name: String {
            switch self {
            case .udp: "udp"
            case .tcp: "tcp"
            case .tls: "tls"
            }
        }
    }

    public var transport: Transport
    public var isIPv6: Bool

    public init(transport: Transport, isIPv6: Bool) {
        self.transport = transport
        self.isIPv6 = isIPv6
    }

    /// The channel of a query from a client address of `addressLength` bytes (4 or 16).
    init(transport: Transport, addressLength: Int) {
        self.init(transport: transport, isIPv6: addressLength == 16)
    }

    /// Every channel, in ``index`` order.
    public static let all = Transport.allCases.flatMap { transport in [false, true].map { QueryChannel(transport: transport, isIPv6: $0) } }

    /// The position in ``all``.
    public var index: Int { transport.rawValue * 2 + (isIPv6 ? 1 : 0) }

    /// The `family` label: `1` for IPv4, `2` for IPv6, as CoreDNS writes them.
    public var familyLabel: String { isIPv6 ? "2" : "1" }
}
