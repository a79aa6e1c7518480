/// Finds fields in an encoded message without decoding it.
public enum EncodedMessage {
    /// The offsets of the serial fields of the SOA records in `message`, in message order, or
    /// `nil` when the message does not parse.
    public static func soaSerialOffsets(in message: UnsafeRawBufferPointer) -> [Int]? {
        guard message.count >= 12 else { return nil }
        guard var position = questionEnd(in: message, questionCount: Int(message.bigEndianUInt16(at: 4))) else { return nil }
        let recordCount = Int(message.bigEndianUInt16(at: 6)) + Int(message.bigEndianUInt16(at: 8)) + Int(message.bigEndianUInt16(at: 10))
        var offsets: [Int] = []
        for _ in 0..<recordCount {
            guard let ownerEnd = nameEnd(in: message, from: position), ownerEnd + 10 <= message.count else { return nil }
            let rdata = ownerEnd + 10
            let rdataEnd = rdata + Int(message.bigEndianUInt16(at: ownerEnd + 8))
            guard rdataEnd <= message.count else { return nil }
            if message.bigEndianUInt16(at: ownerEnd) == RecordType.soa.rawValue {
                guard let primaryEnd = nameEnd(in: message, from: rdata), let mailboxEnd = nameEnd(in: message, from: primaryEnd),
                    mailboxEnd + 20 == rdataEnd
                else { return nil }
                offsets.append(mailboxEnd)
            }
            position = rdataEnd
        }
        return offsets
    }

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
