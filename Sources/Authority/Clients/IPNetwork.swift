internal import DNSWire

/// An IPv4 or IPv6 network in CIDR form, such as `10.1.0.0/16` or `fd00:1::/48`.
///
///     let network = IPNetwork("10.1.0.0/16")!
///     network.contains([10, 1, 2, 3])  // true
public struct IPNetwork: Hashable, Sendable, CustomStringConvertible {
    /// The network address in network order (4 or 16 bytes), with every bit past the prefix zero.
    public let address: [UInt8]
    /// How many leading bits of an address the network fixes.
    public let prefixLength: Int

    /// A network from its address bytes (4 or 16) and prefix length; `nil` when the lengths do not
    /// fit or a bit past the prefix is set.
    public init?(address: [UInt8], prefixLength: Int) {
        guard address.count == 4 || address.count == 16, (0...address.count * 8).contains(prefixLength),
            Self.masked(address, prefixLength: prefixLength) == address
        else { return nil }
        self.address = address
        self.prefixLength = prefixLength
    }

    /// Parses `address/prefix`; `nil` for anything else, including a host address such as `10.1.2.3/16`.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[1].isEmpty, parts[1].allSatisfy({ $0.isASCII && $0.isWholeNumber }),
            let prefixLength = Int(parts[1])
        else { return nil }
        let host = String(parts[0])
        guard let bytes = IPv4Address(host)?.octets ?? IPv6Address(host)?.octets else { return nil }
        self.init(address: bytes, prefixLength: prefixLength)
    }

    /// True when `address` (4 or 16 bytes) lies in the network; an IPv4-mapped IPv6 address
    /// (`::ffff:a.b.c.d`) counts as its IPv4 address.
    public func contains(_ address: [UInt8]) -> Bool {
        contains(address, prefixLength: address.count * 8)
    }

    /// True when every address of the subnet `address/prefixLength` lies in the network.
    func contains(_ address: [UInt8], prefixLength: Int) -> Bool {
        var bytes = address[...]
        var length = prefixLength
        if self.address.count == 4, bytes.count == 16, bytes.prefix(12).elementsEqual(Self.mappedPrefix) {
            bytes = bytes.dropFirst(12)
            length -= 96
        }
        guard bytes.count == self.address.count, length >= self.prefixLength else { return false }
        let fullBytes = self.prefixLength / 8
        guard bytes.prefix(fullBytes).elementsEqual(self.address.prefix(fullBytes)) else { return false }
        let remainingBits = self.prefixLength % 8
        guard remainingBits > 0 else { return true }
        let mask = UInt8(0xFF) << (8 - remainingBits)
        return bytes[bytes.startIndex + fullBytes] & mask == self.address[fullBytes]
    }

    /// `10.1.0.0/16`, `fd00:1::/48`.
    public var description: String {
        let host = IPv4Address(octets: address)?.description ?? IPv6Address(octets: address)?.description ?? ""
        return "\(host)/\(prefixLength)"
    }

    /// `address` with every bit past `prefixLength` cleared.
    static func masked(_ address: [UInt8], prefixLength: Int) -> [UInt8] {
        address.indices.map { index in
            let bits = min(max(prefixLength - index * 8, 0), 8)
            return bits == 8 ? address[index] : address[index] & ~(UInt8(0xFF) >> bits)
        }
    }

    private static let mappedPrefix: [UInt8] = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF]
}
