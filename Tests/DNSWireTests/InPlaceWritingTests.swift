import DNSWire
import NIOCore
import Testing

/// Header fields read and patched in place, and OPT records written in place, byte for byte as
/// the encoder writes them.
struct InPlaceWritingTests {
    @Test func headerFieldsAreReadAndSetAtTheirOffsets() {
        var bytes: [UInt8] = [0x12, 0x34, 0x81, 0x80, 0, 1, 0, 2, 0, 3, 0, 4, 0xAA]
        bytes.withUnsafeMutableBytes { message in
            #expect(HeaderField.allCases.map { message.header($0) } == [0x1234, 0x8180, 1, 2, 3, 4])
            message.setHeader(.id, to: 0xBEEF)
            message.setHeader(.additionalCount, to: 0x0102)
            #expect(UnsafeRawBufferPointer(message).header(.id) == 0xBEEF)
        }
        #expect(bytes == [0xBE, 0xEF, 0x81, 0x80, 0, 1, 0, 2, 0, 3, 0x01, 0x02, 0xAA])
    }

    @Test(arguments: [false, true])
    func anOPTRecordWrittenInPlaceEqualsTheEncoders(withOptions: Bool) {
        let nsid = Array("gnsd".utf8)
        let cookie: [UInt8] = Array(1...24)
        var message = Message(header: Header(id: 7))
        message.edns = EDNS(udpPayloadSize: 1232, flags: 0x8000)
        if withOptions {
            message.edns?.options = [EDNSOption(code: .cookie, data: cookie), EDNSOption(code: .nsid, data: nsid)]
        }
        var encoded = ByteBuffer()
        message.encode(into: &encoded)
        let expected = Array(encoded.readableBytesView.dropFirst(Header.size))

        var written = [UInt8](repeating: 0xFF, count: 64)
        let length = written.withUnsafeMutableBytes { buffer in
            var writer = OPTRecordWriter(into: buffer, payloadSize: 1232, flags: 0x8000)
            if withOptions {
                writer.appendOption(code: EDNSOption.Code.cookie.rawValue, length: cookie.count) { $0.copyBytes(from: cookie) }
                writer.appendOption(code: EDNSOption.Code.nsid.rawValue, length: nsid.count) { $0.copyBytes(from: nsid) }
            }
            return writer.finish()
        }
        #expect(Array(written.prefix(length)) == expected)
        #expect(length == OPTRecordWriter.emptyLength + (withOptions ? 4 + 24 + 4 + 4 : 0))
    }
}
