internal import DNSWire
internal import EndpointTable

/// A name under `in-addr.arpa` or `ip6.arpa` read as the start of an address (RFC 1035 §3.5,
/// RFC 3596 §2.5): up to 4 decimal octets or 32 hexadecimal nibbles, most significant last. A
/// whole address names that address's PTR records; a shorter prefix is an empty non-terminal
/// while any served address begins with it.
struct ReverseName: Hashable {
    enum Family: Hashable {
        case v4, v6

        /// How many labels spell a whole address.
        var labelCount: Int { self == .v4 ? 4 : 32 }
        /// The reverse domain of the family.
        var domain: DomainName { self == .v4 ? ReverseName.ipv4Domain : ReverseName.ipv6Domain }
    }

    static let ipv4Domain = try! DomainName("in-addr.arpa.")
    static let ipv6Domain = try! DomainName("ip6.arpa.")

    let family: Family
    /// The octets (IPv4) or nibbles (IPv6) spelled, most significant first.
    let digits: [UInt8]

    /// Reads `name`; `nil` unless it lies under a reverse domain and every label above it is a
    /// canonical octet (`0`–`255`, no leading zero) or a single hexadecimal nibble.
    init?(_ name: DomainName) {
        if let labels = name.lowercasedLabels(above: Self.ipv4Domain) {
            guard labels.count <= 4 else { return nil }
            var digits: [UInt8] = []
            for label in labels.reversed() {
                guard let octet = UInt8(label), String(octet) == label else { return nil }
                digits.append(octet)
            }
            self.init(family: .v4, digits: digits)
        } else if let labels = name.lowercasedLabels(above: Self.ipv6Domain) {
            guard labels.count <= 32 else { return nil }
            var digits: [UInt8] = []
            for label in labels.reversed() {
                guard label.utf8.count == 1, let nibble = UInt8(label, radix: 16) else { return nil }
                digits.append(nibble)
            }
            self.init(family: .v6, digits: digits)
        } else {
            return nil
        }
    }

    init(family: Family, digits: [UInt8]) {
        self.family = family
        self.digits = digits
    }

    /// The reverse name of `address`, whose PTR records name it.
    init(address: IPAddress) {
        switch address {
        case .v4(let v4): self.init(family: .v4, digits: v4.octets)
        case .v6(let v6): self.init(family: .v6, digits: v6.octets.flatMap { [$0 >> 4, $0 & 0x0F] })
        }
    }

    /// The address spelled, when the name spells a whole one.
    var address: IPAddress? {
        guard digits.count == family.labelCount else { return nil }
        switch family {
        case .v4: return IPv4Address(octets: digits).map(IPAddress.v4)
        case .v6: return IPv6Address(octets: stride(from: 0, to: 32, by: 2).map { digits[$0] << 4 | digits[$0 + 1] }).map(IPAddress.v6)
        }
    }

    /// The smallest address that begins with the name's digits.
    var lowestAddress: IPAddress {
        ReverseName(family: family, digits: digits + Array(repeating: 0, count: family.labelCount - digits.count)).address!
    }

    /// True when `address` begins with the name's digits.
    func isPrefix(of address: IPAddress) -> Bool {
        let other = ReverseName(address: address)
        return other.family == family && other.digits.starts(with: digits)
    }

    /// The name in the reverse domain.
    var name: DomainName {
        var name = family.domain
        for digit in digits {
            name = try! name.prepending(Array((family == .v4 ? String(digit) : String(digit, radix: 16)).utf8))
        }
        return name
    }
}
