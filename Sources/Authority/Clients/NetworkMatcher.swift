/// Finds the first of a list of networks that holds a client address given as raw bytes, with
/// the rules of ``IPNetwork/contains(_:)`` and without allocating: for the per-query placement
/// of the answer cache.
struct NetworkMatcher {
    /// One network as masked 128-bit words; IPv4 networks use the low 32 bits of `low`.
    private struct Entry {
        let isIPv4: Bool
        let high: UInt64
        let low: UInt64
        let maskHigh: UInt64
        let maskLow: UInt64
    }

    private let entries: [Entry]

    /// Matches against `networks` in their order.
    init(_ networks: [IPNetwork]) {
        entries = networks.map { network in
            let isIPv4 = network.address.count == 4
            let bits = isIPv4 ? network.prefixLength + 96 : network.prefixLength
            let mask = Self.mask(bits: bits)
            let words = network.address.withUnsafeBytes { Self.words($0) }
            return Entry(isIPv4: isIPv4, high: words.high, low: words.low, maskHigh: mask.high, maskLow: mask.low)
        }
    }

    /// True when there is no network to match.
    var isEmpty: Bool { entries.isEmpty }

    /// The index of the first network holding `address` (4 or 16 bytes), or `nil`.
    func firstMatch(_ address: UnsafeRawBufferPointer) -> Int? {
        guard address.count == 4 || address.count == 16 else { return nil }
        var (high, low) = Self.words(address)
        let isMappedIPv4 = address.count == 16 && high == 0 && low >> 32 == 0xFFFF
        let isIPv4 = address.count == 4 || isMappedIPv4
        if isMappedIPv4 {
            low &= 0xFFFF_FFFF
        }
        return entries.firstIndex { entry in
            if entry.isIPv4 {
                return isIPv4 && low & entry.maskLow == entry.low
            }
            guard address.count == 16 else { return false }
            let (rawHigh, rawLow) = Self.words(address)
            return rawHigh & entry.maskHigh == entry.high && rawLow & entry.maskLow == entry.low
        }
    }

    /// 4 bytes as the low 32 bits of `low`; 16 bytes as two big-endian words.
    private static func words(_ bytes: UnsafeRawBufferPointer) -> (high: UInt64, low: UInt64) {
        var high: UInt64 = 0
        var low: UInt64 = 0
        for (index, byte) in bytes.enumerated() {
            if bytes.count == 16 && index < 8 {
                high = high << 8 | UInt64(byte)
            } else {
                low = low << 8 | UInt64(byte)
            }
        }
        return (high, low)
    }

    /// The first `bits` bits of 128 set.
    private static func mask(bits: Int) -> (high: UInt64, low: UInt64) {
        let high: UInt64 = bits >= 64 ? .max : bits == 0 ? 0 : .max << (64 - bits)
        let low: UInt64 = bits <= 64 ? 0 : bits >= 128 ? .max : .max << (128 - bits)
        return (high, low)
    }
}
