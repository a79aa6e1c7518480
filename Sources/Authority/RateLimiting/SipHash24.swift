/// SipHash-2-4 with a 128-bit key, the keyed hash RFC 9018 uses for interoperable server cookies.
struct SipHash24 {
    private var v0: UInt64 = 0x736f_6d65_7073_6575
    private var v1: UInt64 = 0x646f_7261_6e64_6f6d
    private var v2: UInt64 = 0x6c79_6765_6e65_7261
    private var v3: UInt64 = 0x7465_6462_7974_6573

    /// The key as two little-endian words, read from 16 bytes.
    static func key(_ bytes: [UInt8]) -> (UInt64, UInt64) {
        precondition(bytes.count == 16, "SipHash keys are 16 bytes")
        return bytes.withUnsafeBytes { (littleEndianWord($0, at: 0, count: 8), littleEndianWord($0, at: 8, count: 8)) }
    }

    /// Hashes `message` with `key`.
    static func hash(key: (UInt64, UInt64), message: UnsafeRawBufferPointer) -> UInt64 {
        var state = SipHash24()
        state.v0 ^= key.0
        state.v1 ^= key.1
        state.v2 ^= key.0
        state.v3 ^= key.1
        let fullWords = message.count / 8
        for index in 0..<fullWords {
            state.compress(littleEndianWord(message, at: index * 8, count: 8))
        }
        let tail = littleEndianWord(message, at: fullWords * 8, count: message.count % 8)
        state.compress(UInt64(truncatingIfNeeded: message.count) << 56 | tail)
        state.v2 ^= 0xFF
        for _ in 0..<4 {
            state.round()
        }
        return state.v0 ^ state.v1 ^ state.v2 ^ state.v3
    }

    private static func littleEndianWord(_ bytes: UnsafeRawBufferPointer, at offset: Int, count: Int) -> UInt64 {
        var word: UInt64 = 0
        for index in 0..<count {
            word |= UInt64(bytes[offset + index]) << (8 * UInt64(index))
        }
        return word
    }

    private mutating func compress(_ word: UInt64) {
        v3 ^= word
        round()
        round()
        v0 ^= word
    }

    private mutating func round() {
        v0 &+= v1
        v1 = v1.rotated(13) ^ v0
        v0 = v0.rotated(32)
        v2 &+= v3
        v3 = v3.rotated(16) ^ v2
        v0 &+= v3
        v3 = v3.rotated(21) ^ v0
        v2 &+= v1
        v1 = v1.rotated(17) ^ v2
        v2 = v2.rotated(32)
    }
}

extension UInt64 {
    fileprivate func rotated(_ bits: UInt64) -> UInt64 { self << bits | self >> (64 - bits) }
}
