import DNSWire
import Testing

/// SOA serials found in encoded responses, compressed names included, without decoding them.
struct EncodedMessageTests {
    /// `nx.example.test A` NXDOMAIN: the SOA of example.test in the authority section, its owner
    /// and both names in its RDATA compressed; serial 7 at offset 64.
    static let nameError = [UInt8](fixture: """
        0000 8403 0001 0000 0001 0000  02 6e78 07 6578616d706c65 04 74657374 00  0001 0001
        c00f 0006 0001 0000012c 0027  03 6e7331 c00f  0a 686f73746d6173746572 c00f
        00000007 00000e10 00000258 00127500 0000001e
        """)

    func offsets(_ bytes: [UInt8]) -> [Int]? {
        bytes.withUnsafeBytes { EncodedMessage.soaSerialOffsets(in: $0) }
    }

    @Test func findsTheSerialBehindCompressedNames() throws {
        let found = try #require(offsets(Self.nameError))
        #expect(found == [64])
        #expect(Self.nameError[64..<68] == [0, 0, 0, 7])
    }

    @Test func skipsOtherRecordsAndFindsEverySOA() {
        let answer = [UInt8](fixture: "c00c 0001 0001 0000003c 0004 0a000001")
        var message = Self.nameError
        message[7] = 1
        message.insert(contentsOf: answer, at: 33)
        #expect(offsets(message) == [64 + answer.count])
        var twice = Self.nameError
        twice[9] = 2
        twice += Self.nameError[33...]
        #expect(offsets(twice) == [64, 64 + Self.nameError.count - 33])
    }

    @Test func aMessageWithoutSOAHasNone() {
        let answer = [UInt8](fixture: "0000 8400 0001 0001 0000 0000  01 61 00 0001 0001  c00c 0001 0001 0000003c 0004 0a000001")
        #expect(offsets(answer) == [])
    }

    @Test(arguments: [
        ("cut inside the SOA", Array(nameError.prefix(70))),
        ("cut inside the header", Array(nameError.prefix(11))),
        ("a reserved label type", nameError.replacing(at: 33, with: 0x80)),
        ("RDATA longer than the SOA", nameError.replacing(at: 44, with: 0x28) + [0]),
        ("a record count past the end", nameError.replacing(at: 11, with: 1)),
    ])
    func aMalformedMessageIsRefused(_ reason: String, _ bytes: [UInt8]) {
        #expect(offsets(bytes) == nil, "\(reason)")
    }
}

extension [UInt8] {
    fileprivate func replacing(at index: Int, with byte: UInt8) -> [UInt8] {
        var copy = self
        copy[index] = byte
        return copy
    }
}
