import NIOCore
import Testing

@testable import DNSWire

/// Name compression in `MessageWriter`: what becomes a pointer target and what must not.
struct CompressionTests {
    /// The bytes of `names` written one after another, rolling back the name before `rollBackIndex`.
    private static func written(
        _ names: [(String, compress: Bool)], rollingBackAfter rollBackIndex: Int? = nil
    ) throws -> [UInt8] {
        var writer = MessageWriter(buffer: ByteBuffer())
        var sizeBefore = 0
        for (index, (name, compress)) in names.enumerated() {
            if index == rollBackIndex {
                writer.rollBack(toSize: sizeBefore)
            }
            sizeBefore = writer.size
            writer.writeName(try DomainName(name), compress: compress)
        }
        return Array(writer.buffer.readableBytesView)
    }

    @Test func pointsAtTheLongestWrittenSuffix() throws {
        let bytes = try Self.written(
            [("example.com", true), ("www.example.com", true), ("a.www.example.com", true), ("com", true)])
        #expect(bytes.hex == [UInt8](fixture: "07 'example' 03 'com' 00  03 'www' c000  01 'a' c00d  c008").hex)
    }

    @Test func forgetsTargetsThatWereRolledBack() throws {
        let bytes = try Self.written(
            [("example.com", true), ("www.example.com", true), ("mail.example.com", true), ("www.example.com", true)],
            rollingBackAfter: 2)
        #expect(bytes.hex == [UInt8](fixture: "07 'example' 03 'com' 00  04 'mail' c000  03 'www' c000").hex)
    }

    @Test func neitherCompressesNorRemembersUncompressedNames() throws {
        let bytes = try Self.written([("example.com", false), ("example.com", true), ("example.com", true)])
        #expect(bytes.hex == [UInt8](fixture: "07 'example' 03 'com' 00  07 'example' 03 'com' 00  c00d").hex)
    }

    @Test func compressesCaseInsensitivelyKeepingTheFirstSpelling() throws {
        let message = Message(
            questions: [Question(name: try DomainName("Example.COM"), type: .ns)],
            answers: [
                ResourceRecord(name: try DomainName("example.com"), ttl: 60, rdata: .ns(try DomainName("NS.example.com")))
            ])
        let expected = [UInt8](
            fixture: """
                0000 0000 0001 0001 0000 0000
                07 'Example' 03 'COM' 00  0002 0001
                c00c 0002 0001 0000003c 0005  02 'NS' c00c
                """)
        #expect(Wire.encode(message).bytes.hex == expected.hex)
    }

    /// Names written beyond offset 0x3FFF cannot be pointed at and are not used as targets.
    @Test func pointsOnlyAtOffsetsBelow0x4000() throws {
        let zone = try DomainName("example")
        let host = try DomainName("a.example")
        let filler = ResourceRecord(
            name: zone, ttl: 0, rdata: .opaque(RecordType(rawValue: 65280), Array(repeating: 0xAA, count: 0x4000)))
        let hostRecord = ResourceRecord(name: host, ttl: 0, rdata: .a(IPv4Address(value: 1)))
        let message = Message(questions: [Question(name: zone, type: .any)], answers: [filler, hostRecord, hostRecord])
        let bytes = Wire.encode(message).bytes
        let hostRecordWire = [UInt8](fixture: "01 'a' c00c  0001 0001 00000000 0004 00000001")
        #expect(Array(bytes.suffix(2 * hostRecordWire.count)).hex == (hostRecordWire + hostRecordWire).hex)
        #expect(try Wire.decode(bytes).answers == message.answers)
    }
}
