internal import GNSModel

/// The `addressType` of an EndpointSlice that the source reads; `FQDN` slices are left out.
enum AddressFamily: String, Sendable {
    case ipv4 = "IPv4"
    case ipv6 = "IPv6"

    /// True when `address` is of this family.
    func contains(_ address: IPAddress) -> Bool {
        switch (self, address) {
        case (.ipv4, .v4), (.ipv6, .v6): true
        default: false
        }
    }
}
