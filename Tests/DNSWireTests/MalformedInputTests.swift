import DNSWire
import Testing

/// Malformed messages, each rejected by `ByteBuffer.readMessage()` with its exact error.
struct MalformedInputTests {
    /// One malformed input and the error it must be rejected with.
    struct Case: Sendable, CustomTestStringConvertible {
        var testDescription: String
        var bytes: [UInt8]
        var error: DNSWireError

        init(_ description: String, _ bytes: [UInt8], _ error: DNSWireError) {
            self.testDescription = description
            self.bytes = bytes
            self.error = error
        }
    }

    /// A message with ID 0, only QR set, the given section counts and `body` after the header.
    static func message(qd: UInt16 = 0, an: UInt16 = 0, ns: UInt16 = 0, ar: UInt16 = 0, _ body: String) -> [UInt8] {
        [UInt8](fixture: "0000 8000") + [qd, an, ns, ar].flatMap([UInt8].bigEndian) + [UInt8](fixture: body)
    }

    /// A message whose second record's owner is the root reached through `hops` pointers: the
    /// first record's RDATA is a chain of a root label at offset 23 and `hops - 1` pointers,
    /// each to the element before it, and the owner points at the last element.
    private static func pointerChain(hops: Int) -> [UInt8] {
        func offset(ofElement index: Int) -> UInt16 { UInt16(index == 0 ? 23 : 22 + 2 * index) }
        let pointers = (1..<max(1, hops)).flatMap { [UInt8].bigEndian(0xC000 | offset(ofElement: $0 - 1)) }
        return message(an: 2, "00 ff00 0001 00000000") + .bigEndian(UInt16(1 + pointers.count)) + [0] + pointers
            + .bigEndian(0xC000 | offset(ofElement: hops - 1)) + [UInt8](fixture: "ff00 0001 00000000 0000")
    }

    /// An OPT record with a payload size of 512 and no options.
    private static let opt = " 00 0029 0200 00000000 0000 "

    static let corpus: [Case] = [
        Case("empty", [], .truncated),
        Case("11-byte header", [UInt8](fixture: "0000 0000 0000 0000 0000 00"), .truncated),
        Case("QDCOUNT beyond the data", message(qd: 2, "00 0001 0001"), .truncated),
        Case("question name cut short", message(qd: 1, "07 'exam'"), .truncated),
        Case("question without class", message(qd: 1, "00 0001"), .truncated),
        Case("ANCOUNT beyond the data", message(an: 1, ""), .truncated),
        Case("record header cut short", message(an: 1, "00 0001 0001 0000"), .truncated),
        Case("RDLENGTH past the end", message(an: 1, "00 0001 0001 00000000 0004 c000"), .truncated),
        Case("pointer cut short", message(qd: 1, "c0"), .truncated),
        Case("pointer to itself", message(qd: 1, "c00c 0001 0001"), .badPointer),
        Case("forward pointer", message(qd: 1, "c00e 00 0001 0001"), .badPointer),
        Case("pointer beyond the message", message(qd: 1, "ffff 0001 0001"), .badPointer),
        Case("RDATA pointer to itself", message(an: 1, "00 0002 0001 00000000 0002 c017"), .badPointer),
        Case("pointer back into its own labels", message(qd: 1, "01 'a' c00c 0001 0001"), .nameTooLong),
        Case("pointer chain of 128 hops", pointerChain(hops: 128), .pointerLoop),
        Case("label type 0x40", message(qd: 1, "41 00 0001 0001"), .badLabelType),
        Case("label type 0x80", message(qd: 1, "80 00 0001 0001"), .badLabelType),
        Case("64-octet label", message(qd: 1, "40 '\(String(repeating: "a", count: 64))' 00 0001 0001"), .badLabelType),
        Case(
            "name of 256 octets",
            message(
                qd: 1,
                String(repeating: "3f '\(String(repeating: "a", count: 63))' ", count: 3)
                    + "3e '\(String(repeating: "a", count: 62))' 00 0001 0001"), .nameTooLong),
        Case(
            "name of 128 one-octet labels", message(qd: 1, String(repeating: "01 'a' ", count: 128) + "00 0001 0001"),
            .nameTooLong),
        Case("A with RDLENGTH 5", message(an: 1, "00 0001 0001 00000000 0005 c0000201 00"), .badRData(.a)),
        Case("A with RDLENGTH 3", message(an: 1, "00 0001 0001 00000000 0003 c00002"), .badRData(.a)),
        Case("AAAA with RDLENGTH 4", message(an: 1, "00 001c 0001 00000000 0004 c0000201"), .badRData(.aaaa)),
        Case("NS name longer than RDLENGTH", message(an: 1, "00 0002 0001 00000000 0002 03 'ns1' 00"), .badRData(.ns)),
        Case("NS name shorter than RDLENGTH", message(an: 1, "00 0002 0001 00000000 0006 03 'ns1' 00 00"), .badRData(.ns)),
        Case("SOA without its counters", message(an: 1, "00 0006 0001 00000000 0002 00 00"), .badRData(.soa)),
        Case(
            "SOA one counter byte short",
            message(an: 1, "00 0006 0001 00000000 0015 00 00 \(String(repeating: "00", count: 19))"), .badRData(.soa)),
        Case(
            "SOA RDLENGTH one short of its fields",
            message(an: 1, ar: 1, "00 0006 0001 00000000 0015 00 00 \(String(repeating: "00", count: 20)) \(opt)"),
            .badRData(.soa)),
        Case("MX with one byte", message(an: 1, "00 000f 0001 00000000 0001 00"), .badRData(.mx)),
        Case(
            "SRV target past RDLENGTH", message(an: 1, ar: 1, "00 0021 0001 00000000 0006 0000 0000 0000 \(opt)"),
            .badRData(.srv)),
        Case("TXT with RDLENGTH 0", message(an: 1, "00 0010 0001 00000000 0000"), .badRData(.txt)),
        Case("TXT string past the end", message(an: 1, "00 0010 0001 00000000 0004 05 'abc'"), .badRData(.txt)),
        Case("TXT string past RDATA", message(an: 1, ar: 1, "00 0010 0001 00000000 0004 05 'abc' \(opt)"), .badRData(.txt)),
        Case("CAA without a tag", message(an: 1, "00 0101 0001 00000000 0001 00"), .badRData(.caa)),
        Case("CAA with an empty tag", message(an: 1, "00 0101 0001 00000000 0003 00 00 'x'"), .badRData(.caa)),
        Case("CAA tag past RDATA", message(an: 1, "00 0101 0001 00000000 0004 00 05 'is'"), .badRData(.caa)),
        Case("two OPT records", message(ar: 2, opt + opt), .duplicateOPT),
        Case("OPT in the answer section", message(an: 1, opt), .misplacedOPT),
        Case("OPT in the authority section", message(ns: 1, opt), .misplacedOPT),
        Case("OPT owned by a non-root name", message(ar: 1, "01 'a' 00 0029 0200 00000000 0000"), .misplacedOPT),
        Case("OPT option past RDATA", message(ar: 1, "00 0029 0200 00000000 0006 000a 0008 0102"), .badRData(.opt)),
        Case("OPT option header cut short", message(ar: 1, "00 0029 0200 00000000 0003 000a 00"), .badRData(.opt)),
        Case("byte after an empty message", message("00"), .trailingData),
        Case("bytes after the last record", message(an: 1, "00 0001 0001 00000000 0004 c0000201 ffff"), .trailingData),
    ]

    @Test(arguments: corpus)
    func rejectsWithTheExactError(input: Case) {
        #expect(throws: input.error) { try Wire.decode(input.bytes) }
    }

    @Test(arguments: [1, 2, 3, 127])
    func followsChainsOfBackwardPointers(hops: Int) throws {
        let chain = Self.pointerChain(hops: hops)
        let message = try Wire.decode(chain)
        let chainRData = Array(chain[23..<(23 + 1 + 2 * (hops - 1))])
        #expect(
            message.answers == [
                ResourceRecord(name: .root, ttl: 0, rdata: .opaque(RecordType(rawValue: 65280), chainRData)),
                ResourceRecord(name: .root, ttl: 0, rdata: .opaque(RecordType(rawValue: 65280), [])),
            ])
    }

    @Test func followsAPointerToAPointer() throws {
        let message = try Wire.decode(
            Self.message(
                qd: 2, an: 1,
                """
                03 'www' 07 'example' 00  0001 0001    ; @12 www.example. A IN
                c00c 001c 0001                         ; @29 the question name again, AAAA IN
                c01d 0001 0001 00000000 0004 c0000201  ; @35 pointer to the pointer at @29
                """))
        let name = try DomainName("www.example")
        #expect(message.questions == [Question(name: name, type: .a), Question(name: name, type: .aaaa)])
        #expect(message.answers == [ResourceRecord(name: name, ttl: 0, rdata: .a(IPv4Address(value: 0xC000_0201)))])
    }

    @Test func acceptsANameOf255Octets() throws {
        let labels =
            String(repeating: "3f '\(String(repeating: "a", count: 63))' ", count: 3)
            + "3d '\(String(repeating: "a", count: 61))' 00"
        let message = try Wire.decode(Self.message(qd: 1, labels + " 0001 0001"))
        #expect(message.questions.first?.name.wire == [UInt8](fixture: labels))
    }
}
