/// The EDNS Client Subnet a resolver sent on behalf of its client (RFC 7871): the leading
/// `sourcePrefixLength` bits of the client's address.
public struct ClientSubnet: Hashable, Sendable {
    /// The address bytes (4 or 16), every bit past the prefix zero.
    public let address: [UInt8]
    public let sourcePrefixLength: UInt8

    /// `nil` unless `address` is 4 or 16 bytes, the prefix fits and no bit past it is set.
    public init?(address: [UInt8], sourcePrefixLength: UInt8) {
        guard let network = IPNetwork(address: address, prefixLength: Int(sourcePrefixLength)) else { return nil }
        self.address = network.address
        self.sourcePrefixLength = sourcePrefixLength
    }

    /// The ADDRESS FAMILY of RFC 7871 §6: 1 for IPv4, 2 for IPv6.
    public var family: UInt16 { address.count == 4 ? 1 : 2 }

    /// The SCOPE PREFIX-LENGTH for an answer tailored to this subnet: the source prefix, or
    /// longer when a cluster network of `networks` inside the subnet decided the answer, so no
    /// cache applies it to addresses the answer was not meant for (RFC 7871 §7.2.1).
    func scopePrefixLength(overlapping networks: [IPNetwork]) -> UInt8 {
        guard let subnet = IPNetwork(address: address, prefixLength: Int(sourcePrefixLength)) else { return sourcePrefixLength }
        var scope = Int(sourcePrefixLength)
        for network in networks where network.prefixLength > scope && subnet.contains(network.address, prefixLength: network.prefixLength) {
            scope = network.prefixLength
        }
        return UInt8(scope)
    }
}
