import DNSWire
import NIOCore
import Testing

/// Header flag accessors, opcode and response-code bits, and the header peek.
struct HeaderTests {
    /// The single-bit header flags and where RFC 1035, 4035 and 6895 put them.
    enum Flag: CaseIterable, Sendable {
        case qr, aa, tc, rd, ra, z, ad, cd

        var bit: UInt16 {
            switch self {
            case .qr: 0x8000
            case .aa: 0x0400
            case .tc: 0x0200
            case .rd: 0x0100
            case .ra: 0x0080
            case .z: 0x0040
            case .ad: 0x0020
            case .cd: 0x0010
            }
        }

        var accessor: WritableKeyPath<Header, Bool> {
            switch self {
            case .qr: \.isResponse
            case .aa: \.authoritativeAnswer
            case .tc: \.truncated
            case .rd: \.recursionDesired
            case .ra: \.recursionAvailable
            case .z: \.zero
            case .ad: \.authenticData
            case .cd: \.checkingDisabled
            }
        }
    }

    @Test(arguments: Flag.allCases)
    func mapsEachFlagToItsBit(flag: Flag) {
        var header = Header(flags: 0)
        header[keyPath: flag.accessor] = true
        #expect(header.flags == flag.bit)
        header = Header(flags: 0xFFFF)
        header[keyPath: flag.accessor] = false
        #expect(header.flags == 0xFFFF & ~flag.bit)
        #expect(Header(flags: flag.bit)[keyPath: flag.accessor])
        #expect(!Header(flags: 0xFFFF & ~flag.bit)[keyPath: flag.accessor])
    }

    @Test(
        arguments: [
            (Opcode.query, 0x0000), (.status, 0x1000), (.notify, 0x2000), (.update, 0x2800), (Opcode(rawValue: 15), 0x7800),
        ] as [(Opcode, UInt16)])
    func mapsTheOpcodeToBits11To14(opcode: Opcode, bits: UInt16) {
        #expect(Header(flags: bits).opcode == opcode)
        #expect(Header(flags: 0x87FF | bits).opcode == opcode)
        var header = Header(flags: 0xFFFF)
        header.opcode = opcode
        #expect(header.flags == 0x87FF | bits)
    }

    @Test func keepsOnlyFourBitsOfOpcodeAndRcode() {
        #expect(Opcode(rawValue: 0x14) == .notify)
        var header = Header(flags: 0x8180)
        header.rcodeBits = 0x13
        #expect(header.flags == 0x8183)
        #expect(header.rcodeBits == 3)
    }

    @Test func peeksAtTheHeaderWithoutReading() throws {
        let buffer = ByteBuffer(bytes: [UInt8](fixture: "70b4 8583 0001 0002 0003 0004 ff"))
        let header = try #require(buffer.peekHeader())
        #expect(
            header
                == Header(
                    id: 0x70B4, flags: 0x8583, questionCount: 1, answerCount: 2, authorityCount: 3, additionalCount: 4))
        #expect(header.isResponse && header.authoritativeAnswer && header.recursionDesired && header.recursionAvailable)
        #expect(!header.truncated && !header.zero && !header.authenticData && !header.checkingDisabled)
        #expect(header.rcodeBits == 3)
        #expect(buffer.readerIndex == 0)
        #expect(ByteBuffer(bytes: [UInt8](repeating: 0, count: 11)).peekHeader() == nil)
    }

    @Test(arguments: [
        (ResponseCode.noError, "NOERROR"), (.formErr, "FORMERR"), (.servFail, "SERVFAIL"), (.nxDomain, "NXDOMAIN"),
        (.notImp, "NOTIMP"), (.refused, "REFUSED"), (.notAuth, "NOTAUTH"), (.badVers, "BADVERS"),
        (.badCookie, "BADCOOKIE"), (ResponseCode(rawValue: 0xFFFF), "RCODE4095"),
    ])
    func namesResponseCodes(rcode: ResponseCode, mnemonic: String) {
        #expect(rcode.description == mnemonic)
    }
}
