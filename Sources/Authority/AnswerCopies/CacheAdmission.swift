/// The admission filter of an ``AnswerCache``: a fixed table of key fingerprints. A key is
/// admitted when its fingerprint is still in its slot from an earlier ask; otherwise the
/// fingerprint takes the slot. Names asked once each (a random-subdomain flood) are never
/// admitted and only overwrite slots; names asked again soon are.
struct CacheAdmission {
    private static let slotBits = 16
    /// The memory the table takes.
    static let byteSize = (1 << slotBits) * MemoryLayout<UInt32>.stride

    private var slots = [UInt32](repeating: 0, count: 1 << slotBits)

    /// True when `key` was noted since its slot last changed hands; notes it otherwise.
    mutating func admits(_ key: AnswerCache.Key) -> Bool {
        var hash = key.nameHash ^ UInt64(key.type) << 48 ^ UInt64(key.recordClass) << 32
        hash ^= UInt64(UInt32(bitPattern: key.recordLimit)) << 16 ^ UInt64(UInt32(bitPattern: key.placement))
        hash = (hash ^ hash >> 31) &* 0x9E37_79B9_7F4A_7C15
        let slot = Int(truncatingIfNeeded: hash >> UInt64(64 - Self.slotBits))
        let fingerprint = UInt32(truncatingIfNeeded: hash) | 1
        if slots[slot] == fingerprint {
            return true
        }
        slots[slot] = fingerprint
        return false
    }
}
