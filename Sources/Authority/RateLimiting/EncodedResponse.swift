/// Reads fields of an encoded DNS message in place, without decoding it and without
/// allocating, besides what DNSWire's `EncodedMessage` finds (the ends of names, the question
/// section and records).
enum EncodedResponse {
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
