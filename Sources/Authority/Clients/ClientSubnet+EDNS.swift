public import DNSWire

extension ClientSubnet {
    /// Reads the data of an EDNS Client Subnet option from a query (RFC 7871 §6); `nil` when it is
    /// malformed and the query gets FORMERR: an unknown family, a prefix longer than the family's
    /// addresses, a non-zero scope, an address not truncated to the prefix, or bits set past it.
    public init?(optionData data: [UInt8]) {
        guard data.count >= 4 else { return nil }
        let family = UInt16(data[0]) << 8 | UInt16(data[1])
        let sourcePrefixLength = data[2]
        let addressLength: Int
        switch family {
        case 1: addressLength = 4
        case 2: addressLength = 16
        default: return nil
        }
        let sent = data.dropFirst(4)
        guard data[3] == 0, Int(sourcePrefixLength) <= addressLength * 8,
            sent.count == (Int(sourcePrefixLength) + 7) / 8
        else { return nil }
        self.init(address: Array(sent) + Array(repeating: 0, count: addressLength - sent.count), sourcePrefixLength: sourcePrefixLength)
    }

    /// The option to echo in the response: the query's family, source prefix and address, with
    /// `scopePrefixLength` saying how much of the address the answer depended on.
    public func responseOption(scopePrefixLength: UInt8) -> EDNSOption {
        let sent = address.prefix((Int(sourcePrefixLength) + 7) / 8)
        return EDNSOption(code: .clientSubnet, data: [UInt8(family >> 8), UInt8(family & 0xFF), sourcePrefixLength, scopePrefixLength] + sent)
    }
}
