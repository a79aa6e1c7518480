/// An IPv6 address, the RDATA of an AAAA record (RFC 3596).
public struct IPv6Address: Hashable, Sendable, CustomStringConvertible {
    /// The sixteen octets in network order.
    public let octets: [UInt8]

    /// Adopts sixteen octets; `nil` for any other count.
    public init?(octets: [UInt8]) {
        guard octets.count == 16 else { return nil }
        self.octets = octets
    }

    /// Parses RFC 4291 text (`2001:db8::1`, `::ffff:192.0.2.1`).
    public init?(_ text: String) {
        let halves = text.split(separator: "::", maxSplits: 1, omittingEmptySubsequences: false)
            .map { String($0) }
        guard halves.count <= 2, !text.contains(":::") else { return nil }
        guard var head = Self.groups(halves[0], endsAddress: halves.count == 1) else { return nil }
        if halves.count == 2 {
            guard let tail = Self.groups(halves[1], endsAddress: true), head.count + tail.count <= 7 else { return nil }
            head += Array(repeating: 0, count: 8 - head.count - tail.count) + tail
        }
        guard head.count == 8 else { return nil }
        self.octets = head.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
    }

    /// The 16-bit groups of one side of `::`; a dotted IPv4 tail is allowed only where the address ends.
    private static func groups(_ text: String, endsAddress: Bool) -> [UInt16]? {
        guard !text.isEmpty else { return [] }
        var result: [UInt16] = []
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        for (index, part) in parts.enumerated() {
            if endsAddress, index == parts.count - 1, part.contains("."), let v4 = IPv4Address(String(part)) {
                let o = v4.octets
                result += [UInt16(o[0]) << 8 | UInt16(o[1]), UInt16(o[2]) << 8 | UInt16(o[3])]
            } else {
                guard (1...4).contains(part.count), part.allSatisfy(\.isHexDigit), let value = UInt16(part, radix: 16) else { return nil }
                result.append(value)
            }
        }
        return result
    }

    /// RFC 5952 text: lower case, leading zeros dropped, the longest run of two or more zero
    /// groups shortened to `::`.
    public var description: String {
        let groups = (0..<8).map { UInt16(octets[2 * $0]) << 8 | UInt16(octets[2 * $0 + 1]) }
        var bestStart = -1
        var bestLength = 1
        var runStart = -1
        for index in 0...8 {
            if index < 8, groups[index] == 0 {
                if runStart < 0 { runStart = index }
            } else if runStart >= 0 {
                if index - runStart > bestLength {
                    bestStart = runStart
                    bestLength = index - runStart
                }
                runStart = -1
            }
        }
        func hex(_ range: Range<Int>) -> String {
            groups[range].map { String($0, radix: 16) }.joined(separator: ":")
        }
        guard bestStart >= 0 else { return hex(0..<8) }
        return hex(0..<bestStart) + "::" + hex((bestStart + bestLength)..<8)
    }
}
