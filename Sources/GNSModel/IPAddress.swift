public import DNSWire

/// An IPv4 or IPv6 address of a service or endpoint.
public enum IPAddress: Hashable, Sendable, Comparable, CustomStringConvertible {
    case v4(IPv4Address)
    case v6(IPv6Address)

    /// Parses `192.0.2.1` or `2001:db8::1`; `nil` for anything else.
    public init?(_ text: String) {
        if let v4 = IPv4Address(text) {
            self = .v4(v4)
        } else if let v6 = IPv6Address(text) {
            self = .v6(v6)
        } else {
            return nil
        }
    }

    /// The A or AAAA RDATA holding this address.
    public var rdata: RData {
        switch self {
        case .v4(let address): .a(address)
        case .v6(let address): .aaaa(address)
        }
    }

    /// The address bytes in network order (4 or 16).
    public var octets: [UInt8] {
        switch self {
        case .v4(let address): address.octets
        case .v6(let address): address.octets
        }
    }

    public var description: String {
        switch self {
        case .v4(let address): address.description
        case .v6(let address): address.description
        }
    }

    /// IPv4 before IPv6, then by bytes: a stable order for listings and stored state.
    public static func < (lhs: IPAddress, rhs: IPAddress) -> Bool {
        let (left, right) = (lhs.octets, rhs.octets)
        return left.count != right.count ? left.count < right.count : left.lexicographicallyPrecedes(right)
    }
}
