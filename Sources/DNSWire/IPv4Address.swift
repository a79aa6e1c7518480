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
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var value: UInt32 = 0
        for part in parts {
            guard (1...3).contains(part.count), part.allSatisfy({ $0.isASCII && $0.isWholeNumber }), let octet = UInt8(part) else { return nil }
            value = value << 8 | UInt32(octet)
        }
        self.value = value
    }

    /// The four octets in network order.
    public var octets: [UInt8] { [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)] }

    public var description: String { octets.map(String.init).joined(separator: ".") }
}
