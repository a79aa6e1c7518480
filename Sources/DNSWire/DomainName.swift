/// A fully qualified domain name, stored in uncompressed wire form with its original case.
///
/// Equality and hashing ignore ASCII case (RFC 4343), so the question can be echoed byte
/// for byte while lookups match any case.
///
///     let name = try DomainName("Catalog.ACME.local")
///     name == (try DomainName("catalog.acme.local."))  // true
public struct DomainName: Hashable, Sendable, CustomStringConvertible {
    /// Longest name in wire form (RFC 1035 §2.3.4).
    public static let maxWireLength = 255
    /// Longest label (RFC 1035 §2.3.4).
    public static let maxLabelLength = 63

    /// Length-prefixed labels ending with the zero-length root label.
    public private(set) var wire: [UInt8]

    /// The root name `.`.
    public static let root = DomainName(trustedWire: [0])

    init(trustedWire: [UInt8]) {
        self.wire = trustedWire
    }

    /// Validates and adopts a name in uncompressed wire form.
    public init(wire: [UInt8]) throws(DNSWireError) {
        var offset = 0
        while true {
            guard offset < wire.count else { throw .truncated }
            let length = Int(wire[offset])
            if length == 0 { break }
            guard length & 0xC0 == 0 else { throw .badLabelType }
            offset += 1 + length
        }
        guard offset + 1 == wire.count else { throw .trailingData }
        guard wire.count <= Self.maxWireLength else { throw .nameTooLong }
        self.wire = wire
    }

    /// Builds a name from its labels, leftmost first, without the root label.
    public init<Labels: Sequence>(labels: Labels) throws(DNSWireError) where Labels.Element: Collection<UInt8> {
        var wire: [UInt8] = []
        for label in labels {
            guard !label.isEmpty else { throw .invalidName("empty label") }
            guard label.count <= Self.maxLabelLength else { throw .labelTooLong }
            wire.append(UInt8(label.count))
            wire.append(contentsOf: label)
        }
        wire.append(0)
        guard wire.count <= Self.maxWireLength else { throw .nameTooLong }
        self.wire = wire
    }

    /// Number of labels, not counting the root.
    public var labelCount: Int {
        var count = 0
        var offset = 0
        while wire[offset] != 0 {
            count += 1
            offset += Int(wire[offset]) + 1
        }
        return count
    }

    /// The labels, leftmost first, without the root.
    public var labels: [ArraySlice<UInt8>] {
        var result: [ArraySlice<UInt8>] = []
        var offset = 0
        while wire[offset] != 0 {
            let length = Int(wire[offset])
            result.append(wire[(offset + 1)..<(offset + 1 + length)])
            offset += length + 1
        }
        return result
    }

    public var isRoot: Bool { wire.count == 1 }

    /// True when the leftmost label is `*` (RFC 4592).
    public var isWildcard: Bool { wire.count >= 2 && wire[0] == 1 && wire[1] == UInt8(ascii: "*") }

    /// The name without its leftmost label; `nil` for the root.
    public var parent: DomainName? {
        guard !isRoot else { return nil }
        return DomainName(trustedWire: Array(wire[(Int(wire[0]) + 1)...]))
    }

    /// The name with the given label added on the left.
    public func prepending(_ label: some Collection<UInt8>) throws(DNSWireError) -> DomainName {
        guard !label.isEmpty else { throw .invalidName("empty label") }
        guard label.count <= Self.maxLabelLength else { throw .labelTooLong }
        guard wire.count + label.count + 1 <= Self.maxWireLength else { throw .nameTooLong }
        var result: [UInt8] = [UInt8(label.count)]
        result.reserveCapacity(wire.count + label.count + 1)
        result.append(contentsOf: label)
        result.append(contentsOf: wire)
        return DomainName(trustedWire: result)
    }

    /// The wildcard name `*.<self>`.
    public var wildcard: DomainName? { try? prepending([UInt8(ascii: "*")]) }

    /// The suffix made of the rightmost `count` labels.
    public func suffix(labels count: Int) -> DomainName {
        var drop = labelCount - count
        var offset = 0
        while drop > 0 {
            offset += Int(wire[offset]) + 1
            drop -= 1
        }
        return offset == 0 ? self : DomainName(trustedWire: Array(wire[offset...]))
    }

    /// True when `self` equals `other` or lies below it.
    public func isSubdomain(of other: DomainName) -> Bool {
        let extra = labelCount - other.labelCount
        guard extra >= 0 else { return false }
        return suffix(labels: other.labelCount) == other
    }

    /// The same name with ASCII letters folded to lower case.
    public func lowercased() -> DomainName {
        DomainName(trustedWire: wire.map(Self.foldCase))
    }

    @inline(__always)
    static func foldCase(_ byte: UInt8) -> UInt8 {
        byte &- 0x41 < 26 ? byte | 0x20 : byte
    }

    public static func == (lhs: DomainName, rhs: DomainName) -> Bool {
        guard lhs.wire.count == rhs.wire.count else { return false }
        for index in lhs.wire.indices where foldCase(lhs.wire[index]) != foldCase(rhs.wire[index]) {
            return false
        }
        return true
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(wire.count)
        for byte in wire {
            hasher.combine(Self.foldCase(byte))
        }
    }
}
