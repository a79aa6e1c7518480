import DNSWire
import Testing

/// Where encoding says the SOA serials lie, compressed names included, and that a record left
/// out by truncation takes its serial with it.
struct EncodingReportTests {
    /// `nx.example.test A` NXDOMAIN: the SOA of example.test in the authority section, its owner
    /// and both names in its RDATA compressed; serial 7 at offset 64.
    static let nameError = [UInt8](
        fixture: """
            0000 8403 0001 0000 0001 0000  02 6e78 07 6578616d706c65 04 74657374 00  0001 0001
            c00f 0006 0001 0000012c 0027  03 6e7331 c00f  0a 686f73746d6173746572 c00f
            00000007 00000e10 00000258 00127500 0000001e
            """)

    static func reencoded(_ bytes: [UInt8], sizeLimit: Int = Message.maxSize) throws -> (bytes: [UInt8], report: EncodingReport) {
        Wire.encodeReporting(try Wire.decode(bytes), sizeLimit: sizeLimit)
    }

    @Test func reportsTheSerialBehindCompressedNames() throws {
        let (bytes, report) = try Self.reencoded(Self.nameError)
        #expect(bytes == Self.nameError)
        #expect(!report.truncated)
        #expect(report.soaSerialOffsets == [64])
        #expect(bytes[64..<68] == [0, 0, 0, 7])
    }

    @Test func reportsEverySOAAfterOtherRecords() throws {
        var message = try Wire.decode(Self.nameError)
        let address = try Wire.decode(
            [UInt8](
                fixture: """
                    0000 8400 0001 0001 0000 0000  02 6e78 07 6578616d706c65 04 74657374 00  0001 0001
                    c00c 0001 0001 0000003c 0004 0a000001
                    """)
        ).answers
        message.answers = address
        message.additionals = message.authorities
        let (bytes, report) = Wire.encodeReporting(message)
        #expect(report.soaSerialOffsets.count == 2)
        for offset in report.soaSerialOffsets {
            #expect(bytes[offset..<(offset + 4)] == [0, 0, 0, 7])
        }
        #expect(report.soaSerialOffsets[0] == 64 + 16)
    }

    @Test func aMessageWithoutSOAReportsNone() throws {
        let answer = [UInt8](fixture: "0000 8400 0001 0001 0000 0000  01 61 00 0001 0001  c00c 0001 0001 0000003c 0004 0a000001")
        let report = try Self.reencoded(answer).report
        #expect(!report.truncated)
        #expect(report.soaSerialOffsets == [])
    }

    @Test func anSOALeftOutByTruncationIsNotReported() throws {
        let (bytes, report) = try Self.reencoded(Self.nameError, sizeLimit: 60)
        #expect(report.truncated)
        #expect(report.soaSerialOffsets == [])
        #expect(bytes.count == 33)
    }
}
