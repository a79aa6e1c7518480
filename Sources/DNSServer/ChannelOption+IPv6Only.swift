import NIOCore

extension ChannelOption where Self == ChannelOptions.Types.SocketOption {
    /// `IPV6_V6ONLY`, so an IPv6 listener does not also claim the IPv4 port.
    static var ipv6Only: Self {
        .init(level: .ipv6, name: .ipv6_v6only)
    }
}
