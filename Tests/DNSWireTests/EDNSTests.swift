import DNSWire
import Testing

/// The OPT pseudo-record: its size, flags and the 12-bit response code split across it and the header.
struct EDNSTests {
    private static let cookieAndPadding = [
        EDNSOption(code: .cookie, data: [1, 2, 3, 4, 5, 6, 7, 8]),
        EDNSOption(code: .padding, data: []),
    ]

    @Test func sizesTheOPTRecordItWrites() throws {
        let edns = EDNS(udpPayloadSize: 4096, version: 0, flags: 0x8000, options: Self.cookieAndPadding)
        let message = Message(edns: edns)
        let expected = [UInt8](
            fixture: """
                0000 0000 0000 0000 0000 0001
                00 0029 1000 00 00 8000 0010  000a 0008 0102030405060708  000c 0000
                """)
        let bytes = Wire.encode(message).bytes
        #expect(bytes.hex == expected.hex)
        #expect(edns.encodedSize == 27)
        #expect(edns.encodedSize == bytes.count - 12)
        #expect(EDNS(udpPayloadSize: 512).encodedSize == 11)
        #expect(try Wire.decode(bytes) == Message(header: Header(additionalCount: 1), edns: edns))
    }

    @Test func setsAndClearsTheDOBitOnly() {
        var edns = EDNS(udpPayloadSize: 1232, flags: 0x0001)
        #expect(!edns.dnssecOK)
        edns.dnssecOK = true
        #expect(edns.flags == 0x8001)
        #expect(edns.dnssecOK)
        edns.dnssecOK = false
        #expect(edns.flags == 0x0001)
    }

    @Test(arguments: [
        (ResponseCode.nxDomain, 3 as UInt8, 0 as UInt8, "00000000"),
        (.badVers, 0, 1, "01000000"),
        (.badCookie, 7, 1, "01000000"),
        (ResponseCode(rawValue: 0xFFF), 15, 0xFF, "ff000000"),
    ])
    func splitsTheResponseCodeBetweenHeaderAndOPT(
        rcode: ResponseCode, headerBits: UInt8, extendedBits: UInt8, ttl: String
    ) throws {
        var message = Message(header: Header(id: 7, flags: 0x8400), edns: EDNS(udpPayloadSize: 1232))
        message.rcode = rcode
        #expect(message.header.rcodeBits == headerBits)
        #expect(message.edns?.extendedRCode == extendedBits)
        #expect(message.rcode == rcode)
        let flags = "840" + String(headerBits, radix: 16)
        let expected = [UInt8](fixture: "0007 \(flags) 0000 0000 0000 0001  00 0029 04d0 \(ttl) 0000")
        let bytes = Wire.encode(message).bytes
        #expect(bytes.hex == expected.hex)
        #expect(try Wire.decode(bytes).rcode == rcode)
    }

    @Test func dropsTheExtendedResponseCodeWithoutOPT() {
        var message = Message()
        message.rcode = .badVers
        #expect(message.header.rcodeBits == 0)
        #expect(message.rcode == .noError)
        message.rcode = .refused
        #expect(message.rcode == .refused)
    }

    @Test func decodesVersionAndExtendedRcodeFromTheTTL() throws {
        let message = try Wire.decode(
            [UInt8](
                fixture: """
                    0000 8001 0000 0000 0000 0001
                    00 0029 0200 01 02 8001 0000   ; OPT: 512, extended rcode 1, version 2, DO and bit 15
                    """))
        #expect(message.edns == EDNS(udpPayloadSize: 512, extendedRCode: 1, version: 2, flags: 0x8001))
        #expect(message.rcode == ResponseCode(rawValue: 0x11))
    }
}
