/// The fixed 12-byte message header (RFC 1035 §4.1.1); flags are kept raw and exposed as properties.
public struct Header: Hashable, Sendable {
    /// Size of a header on the wire.
    public static let size = 12

    public var id: UInt16
    /// QR, Opcode, AA, TC, RD, RA, Z, AD, CD and the low RCODE bits, as on the wire.
    public var flags: UInt16
    public var questionCount: UInt16
    public var answerCount: UInt16
    public var authorityCount: UInt16
    public var additionalCount: UInt16

    public init(
        id: UInt16 = 0, flags: UInt16 = 0, questionCount: UInt16 = 0, answerCount: UInt16 = 0,
        authorityCount: UInt16 = 0, additionalCount: UInt16 = 0
    ) {
        self.id = id
        self.flags = flags
        self.questionCount = questionCount
        self.answerCount = answerCount
        self.authorityCount = authorityCount
        self.additionalCount = additionalCount
    }

    private static let qrBit: UInt16 = 0x8000
    private static let aaBit: UInt16 = 0x0400
    private static let tcBit: UInt16 = 0x0200
    private static let rdBit: UInt16 = 0x0100
    private static let raBit: UInt16 = 0x0080
    private static let zBit: UInt16 = 0x0040
    private static let adBit: UInt16 = 0x0020
    private static let cdBit: UInt16 = 0x0010

    public var isResponse: Bool {
        get { flags & Self.qrBit != 0 }
        set { setFlag(Self.qrBit, newValue) }
    }
    public var opcode: Opcode {
        get { Opcode(rawValue: UInt8((flags >> 11) & 0x0F)) }
        set { flags = (flags & ~0x7800) | (UInt16(newValue.rawValue) << 11) }
    }
    public var authoritativeAnswer: Bool {
        get { flags & Self.aaBit != 0 }
        set { setFlag(Self.aaBit, newValue) }
    }
    public var truncated: Bool {
        get { flags & Self.tcBit != 0 }
        set { setFlag(Self.tcBit, newValue) }
    }
    public var recursionDesired: Bool {
        get { flags & Self.rdBit != 0 }
        set { setFlag(Self.rdBit, newValue) }
    }
    public var recursionAvailable: Bool {
        get { flags & Self.raBit != 0 }
        set { setFlag(Self.raBit, newValue) }
    }
    public var zero: Bool {
        get { flags & Self.zBit != 0 }
        set { setFlag(Self.zBit, newValue) }
    }
    public var authenticData: Bool {
        get { flags & Self.adBit != 0 }
        set { setFlag(Self.adBit, newValue) }
    }
    public var checkingDisabled: Bool {
        get { flags & Self.cdBit != 0 }
        set { setFlag(Self.cdBit, newValue) }
    }
    /// The low four RCODE bits carried in the header.
    public var rcodeBits: UInt8 {
        get { UInt8(flags & 0x000F) }
        set { flags = (flags & ~0x000F) | UInt16(newValue & 0x0F) }
    }

    private mutating func setFlag(_ bit: UInt16, _ on: Bool) {
        flags = on ? flags | bit : flags & ~bit
    }
}
