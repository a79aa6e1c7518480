public import DNSWire
public import NIOCore

/// A secondary that hears of changes by NOTIFY (RFC 1996).
public struct NotifyTarget: Sendable {
    public var address: SocketAddress
    /// Signs each NOTIFY, and the secondary's answer must be signed with it too.
    public var key: TSIGKey?
    /// The zones it follows; empty follows every zone gnsd serves.
    public var zones: [DomainName]

    public init(address: SocketAddress, key: TSIGKey? = nil, zones: [DomainName] = []) {
        self.address = address
        self.key = key
        self.zones = zones
    }

    /// True when the secondary follows `zone`.
    func follows(_ zone: DomainName) -> Bool {
        zones.isEmpty || zones.contains(zone)
    }
}
