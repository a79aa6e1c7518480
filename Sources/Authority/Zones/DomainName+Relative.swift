internal import DNSWire

extension DomainName {
    /// True when `self` equals `ancestor` or lies below it, compared without allocating.
    func isWithin(_ ancestor: DomainName) -> Bool {
        wireOffset(of: ancestor) != nil
    }

    /// The labels of `self` above `ancestor`, leftmost first and folded to lower case; `nil` unless
    /// `self` is at or below `ancestor`.
    func lowercasedLabels(above ancestor: DomainName) -> [String]? {
        guard let end = wireOffset(of: ancestor) else { return nil }
        var labels: [String] = []
        var offset = 0
        while offset < end {
            let length = Int(wire[offset])
            labels.append(String(decoding: wire[(offset + 1)...(offset + length)].lazy.map(Self.foldedByte), as: UTF8.self))
            offset += length + 1
        }
        return labels
    }

    /// The name with `labels` added on the left, the last of them nearest to `self`; `nil` when too long.
    func prepending(labels: String...) -> DomainName? {
        var name = self
        for label in labels.reversed() {
            guard let longer = try? name.prepending(Array(label.utf8)) else { return nil }
            name = longer
        }
        return name
    }

    /// The name without its `count` leftmost labels; `nil` past the root.
    func ancestor(droppingLabels count: Int) -> DomainName? {
        var name: DomainName? = self
        for _ in 0..<count {
            name = name?.parent
        }
        return name
    }

    /// Where `ancestor` starts in `wire` when `self` is at or below it.
    private func wireOffset(of ancestor: DomainName) -> Int? {
        let start = wire.count - ancestor.wire.count
        guard start >= 0 else { return nil }
        var offset = 0
        while offset < start {
            offset += Int(wire[offset]) + 1
        }
        guard offset == start else { return nil }
        for index in ancestor.wire.indices where Self.foldedByte(wire[start + index]) != Self.foldedByte(ancestor.wire[index]) {
            return nil
        }
        return start
    }

    private static func foldedByte(_ byte: UInt8) -> UInt8 {
        byte &- 0x41 < 26 ? byte | 0x20 : byte
    }
}
