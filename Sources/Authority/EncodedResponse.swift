/// Reads fields of an encoded DNS message in place, without decoding it and without
/// allocating; every read is bounds-checked, so any bytes are safe to give.
enum EncodedResponse {
    /// The 16-bit big-endian field at `offset` (which must leave two bytes).
    static func uint16(_ message: UnsafeRawBufferPointer, at offset: Int) -> UInt16 {
        UInt16(message[offset]) << 8 | UInt16(message[offset + 1])
    }

    /// Where the name at `start` ends: after its root label or its compression pointer; `nil`
    /// when it runs past the message or uses a reserved label type.
    static func nameEnd(in message: UnsafeRawBufferPointer, from start: Int) -> Int? {
        var position = start
        while position < message.count {
            let length = Int(message[position])
            switch length & 0xC0 {
            case 0xC0: return position + 2 <= message.count ? position + 2 : nil
            case 0: guard length > 0 else { return position + 1 }
            default: return nil
            }
            position += 1 + length
        }
        return nil
    }

    /// Where the question section ends (`questionCount` questions from offset 12), or `nil`.
    static func questionEnd(in message: UnsafeRawBufferPointer, questionCount: Int) -> Int? {
        var position = 12
        for _ in 0..<questionCount {
            guard let end = nameEnd(in: message, from: position), end + 4 <= message.count else { return nil }
            position = end + 4
        }
        return position
    }

    /// Where the resource record at `start` ends, or `nil` when it runs past the message.
    static func recordEnd(in message: UnsafeRawBufferPointer, from start: Int) -> Int? {
        guard let ownerEnd = nameEnd(in: message, from: start), ownerEnd + 10 <= message.count else { return nil }
        let end = ownerEnd + 10 + Int(uint16(message, at: ownerEnd + 8))
        return end <= message.count ? end : nil
    }

    /// FNV-1a over the name at `start` in lower case, label lengths included, following
    /// compression pointers (each must point before the part it continues, so the walk ends);
    /// `nil` when the name cannot be read.
    static func nameHash(in message: UnsafeRawBufferPointer, at start: Int) -> UInt64? {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        var position = start
        var segmentStart = start
        while position < message.count {
            let length = Int(message[position])
            switch length & 0xC0 {
            case 0xC0:
                guard position + 1 < message.count else { return nil }
                let target = (length & 0x3F) << 8 | Int(message[position + 1])
                guard target < segmentStart else { return nil }
                position = target
                segmentStart = target
                continue
            case 0:
                guard position + 1 + length <= message.count else { return nil }
                hash = (hash ^ UInt64(length)) &* 0x100_0000_01B3
                guard length > 0 else { return hash }
                for index in (position + 1)...(position + length) {
                    let byte = message[index]
                    let lowered = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
                    hash = (hash ^ UInt64(lowered)) &* 0x100_0000_01B3
                }
                position += 1 + length
            default:
                return nil
            }
        }
        return nil
    }
}
