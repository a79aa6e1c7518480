/// Finds fields in an encoded message without decoding it.
public enum EncodedMessage {
    /// Where the name at `start` ends: after its root label or its compression pointer; `nil`
    /// when it runs past the message or uses a reserved label type.
    public static func nameEnd(in message: UnsafeRawBufferPointer, from start: Int) -> Int? {
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
    public static func questionEnd(in message: UnsafeRawBufferPointer, questionCount: Int) -> Int? {
        var position = 12
        for _ in 0..<questionCount {
            guard let end = nameEnd(in: message, from: position), end + 4 <= message.count else { return nil }
            position = end + 4
        }
        return position
    }

    /// Where the resource record at `start` ends, or `nil` when it runs past the message.
    public static func recordEnd(in message: UnsafeRawBufferPointer, from start: Int) -> Int? {
        guard let ownerEnd = nameEnd(in: message, from: start), ownerEnd + 10 <= message.count else { return nil }
        let end = ownerEnd + 10 + Int(message.bigEndianUInt16(at: ownerEnd + 8))
        return end <= message.count ? end : nil
    }
}
