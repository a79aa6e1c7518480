/// An IPv4 address, the RDATA of an A record (RFC 1035 §3.4.1).
public struct IPv4Address: Hashable, Sendable, CustomStringConvertible {
    /// The address as a big-endian number (`192.0.2.1` is `0xC000_0201`).
    public var value: UInt32

    public init(value: UInt32) {
        self.value = value
    }

    /// Adopts four octets in network order; `nil` for any other count.
    public init?(octets: [UInt8]) {
        guard octets.count == 4 else { return nil }
        value = octets.reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// Parses dotted-quad text such as `192.0.2.1`.
    public init?(_ text: String) {
        var value: UInt32 = 0
        var octet: UInt32 = 0
        var digits = 0
        var dots = 0
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                octet = octet * 10 + UInt32(byte - UInt8(ascii: "0"))
                digits += 1
                guard digits <= 3, octet <= 255 else { return nil }
            case UInt8(ascii: "."):
                guard digits > 0, dots < 3 else { return nil }
                value = value << 8 | octet
                (octet, digits, dots) = (0, 0, dots + 1)
            default:
                return nil
            }
        }
        guard digits > 0, dots == 3 else { return nil }
        self.value = value << 8 | octet
    }

    /// The four octets in network order.
    public var octets: [UInt8] { [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)] }

    public var description: String { octets.map(String.init).joined(separator: ".") }
}
