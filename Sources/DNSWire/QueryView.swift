/// The parts of an ordinary query that an answer depends on, read in place from its bytes.
///
/// Ordinary means: QR clear, opcode QUERY, one question with an uncompressed name, no answer or
/// authority records, and at most one additional record, a well-formed OPT. Anything else
/// (including every malformed message) gets `nil`, and the caller decodes it in full with
/// ``NIOCore/ByteBuffer/readMessage()``, which knows how to answer it.
///
///     guard let query = QueryView(bytes) else { return slowPath(bytes) }
///     let hash = query.nameHash(in: bytes)
public struct QueryView: Sendable {
    /// Where the question name starts: right after the header.
    public static let nameOffset = Header.size

    public let id: UInt16
    public let flags: UInt16
    /// The question name's length on the wire, root label included (at most 255).
    public let nameLength: Int
    public let type: UInt16
    public let recordClass: UInt16
    /// The OPT record's fields, when the query has one.
    public let edns: Extension?

    /// What an OPT record of an ordinary query says.
    public struct Extension: Sendable {
        public let udpPayloadSize: UInt16
        public let version: UInt8
        /// The 16 flag bits; the top one is DO.
        public let flags: UInt16
        /// The data of the first COOKIE option, as a range of the message bytes.
        public let cookie: Range<Int>?
        public let asksForNSID: Bool
        public let hasClientSubnet: Bool
    }

    /// Reads `message`; `nil` unless it is an ordinary query (see the type's description).
    public init?(_ message: UnsafeRawBufferPointer) {
        guard message.count >= Header.size else { return nil }
        let id = message.bigEndianUInt16(at: 0)
        let flags = message.bigEndianUInt16(at: 2)
        guard flags & 0xF800 == 0, message.bigEndianUInt16(at: 4) == 1, message.bigEndianUInt16(at: 6) == 0,
            message.bigEndianUInt16(at: 8) == 0
        else { return nil }
        let additionalCount = message.bigEndianUInt16(at: 10)
        guard additionalCount <= 1, let nameEnd = Self.uncompressedNameEnd(in: message, from: Self.nameOffset),
            nameEnd + 4 <= message.count
        else { return nil }
        self.id = id
        self.flags = flags
        self.nameLength = nameEnd - Self.nameOffset
        self.type = message.bigEndianUInt16(at: nameEnd)
        self.recordClass = message.bigEndianUInt16(at: nameEnd + 2)
        let questionEnd = nameEnd + 4
        if additionalCount == 0 {
            guard questionEnd == message.count else { return nil }
            self.edns = nil
        } else {
            guard let edns = Extension(optRecordAt: questionEnd, in: message) else { return nil }
            self.edns = edns
        }
    }

    /// The end of the question: where a response's first record starts.
    public var questionEnd: Int { Self.nameOffset + nameLength + 4 }

    /// A hash of the question name that ignores ASCII case (FNV-1a over the lowercased wire form).
    public func nameHash(in message: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for index in Self.nameOffset..<(Self.nameOffset + nameLength) {
            hash = (hash ^ UInt64(message[index].asciiLowercased)) &* 0x100_0000_01B3
        }
        return hash
    }

    /// True when the question names of `message` and `other` (another message's name bytes, as
    /// stored) are equal ignoring ASCII case.
    public func nameEquals(in message: UnsafeRawBufferPointer, _ other: UnsafeRawBufferPointer) -> Bool {
        guard other.count == nameLength else { return false }
        for index in 0..<nameLength where message[Self.nameOffset + index].asciiLowercased != other[index].asciiLowercased {
            return false
        }
        return true
    }

    /// The end of the uncompressed name starting at `start`, or `nil` when it is compressed, cut
    /// short or longer than 255 bytes.
    private static func uncompressedNameEnd(in message: UnsafeRawBufferPointer, from start: Int) -> Int? {
        var position = start
        while position < message.count {
            let length = Int(message[position])
            if length == 0 { return position + 1 }
            guard length <= 63 else { return nil }
            position += 1 + length
            guard position - start < 255 else { return nil }
        }
        return nil
    }
}

extension QueryView.Extension {
    /// Reads the OPT record at `start`, which must end the message.
    fileprivate init?(optRecordAt start: Int, in message: UnsafeRawBufferPointer) {
        guard start + 11 <= message.count, message[start] == 0,
            message.bigEndianUInt16(at: start + 1) == RecordType.opt.rawValue
        else { return nil }
        let dataLength = Int(message.bigEndianUInt16(at: start + 9))
        guard start + 11 + dataLength == message.count else { return nil }
        var cookie: Range<Int>?
        var asksForNSID = false
        var hasClientSubnet = false
        var position = start + 11
        while position < message.count {
            guard position + 4 <= message.count else { return nil }
            let code = message.bigEndianUInt16(at: position)
            let dataEnd = position + 4 + Int(message.bigEndianUInt16(at: position + 2))
            guard dataEnd <= message.count else { return nil }
            switch EDNSOption.Code(rawValue: code) {
            case .cookie where cookie == nil: cookie = (position + 4)..<dataEnd
            case .nsid: asksForNSID = true
            case .clientSubnet: hasClientSubnet = true
            default: break
            }
            position = dataEnd
        }
        self.udpPayloadSize = message.bigEndianUInt16(at: start + 3)
        self.version = message[start + 6]
        self.flags = message.bigEndianUInt16(at: start + 7)
        self.cookie = cookie
        self.asksForNSID = asksForNSID
        self.hasClientSubnet = hasClientSubnet
    }
}

extension UnsafeRawBufferPointer {
    /// The big-endian 16-bit number at `offset`; the caller has checked the bounds.
    public func bigEndianUInt16(at offset: Int) -> UInt16 {
        UInt16(self[offset]) << 8 | UInt16(self[offset + 1])
    }
}

extension UInt8 {
    /// The byte with ASCII `A`–`Z` turned into `a`–`z`.
    var asciiLowercased: UInt8 {
        self &- 0x41 < 26 ? self | 0x20 : self
    }
}
