import DNSWire
import Testing

/// Ordinary queries read in place; everything else is left to the full decoder.
struct QueryViewTests {
    /// `wWw.Example.test A IN`, ID 0xBEEF, RD and CD set.
    static let plain = [UInt8](fixture: "BEEF 0110 0001 0000 0000 0000  03 775777 07 4578616d706c65 04 74657374 00  0001 0001")
    /// The same with an OPT record: payload 1232, version 0, DO, COOKIE (8 bytes), NSID, ECS.
    static let withOPT = [UInt8](
        fixture: """
            BEEF 0100 0001 0000 0000 0001  03 777777 07 6578616d706c65 04 74657374 00  001c 0001
            00 0029 04d0 00 00 8000 001c  000a 0008 0102030405060708  0003 0000  0008 0008 0001 1800 0a0b0c00
            """)

    func view(_ bytes: [UInt8]) -> QueryView? {
        bytes.withUnsafeBytes { QueryView($0) }
    }

    @Test func readsAPlainQuery() throws {
        let query = try #require(view(Self.plain))
        #expect(query.id == 0xBEEF)
        #expect(query.flags == 0x0110)
        #expect(query.nameLength == 18)
        #expect(query.questionEnd == Self.plain.count)
        #expect(query.type == 1)
        #expect(query.recordClass == 1)
        #expect(query.edns == nil)
    }

    @Test func readsTheOPTRecordAndItsOptions() throws {
        let query = try #require(view(Self.withOPT))
        let edns = try #require(query.edns)
        #expect(query.type == 28)
        #expect(edns.udpPayloadSize == 1232)
        #expect(edns.version == 0)
        #expect(edns.flags == 0x8000)
        #expect(edns.cookie.map { Array(Self.withOPT[$0]) } == [1, 2, 3, 4, 5, 6, 7, 8])
        #expect(edns.asksForNSID)
        #expect(edns.hasClientSubnet)
    }

    @Test func hashesAndComparesNamesIgnoringCase() throws {
        let mixed = try #require(view(Self.plain))
        let lower = try #require(view(Self.withOPT))
        let mixedHash = Self.plain.withUnsafeBytes { mixed.nameHash(in: $0) }
        let lowerHash = Self.withOPT.withUnsafeBytes { lower.nameHash(in: $0) }
        #expect(mixedHash == lowerHash)
        let lowerName = Array(Self.withOPT[12..<30])
        #expect(Self.plain.withUnsafeBytes { bytes in lowerName.withUnsafeBytes { mixed.nameEquals(in: bytes, $0) } })
        let otherName = Array(lowerName.dropLast(2) + [0x75, 0x00])
        #expect(!Self.plain.withUnsafeBytes { bytes in otherName.withUnsafeBytes { mixed.nameEquals(in: bytes, $0) } })
    }

    /// Each of these is valid DNS or garbage, but not an ordinary query: the full decoder decides.
    static let unordinary = [
        "response", "NOTIFY opcode", "two questions", "an answer record", "an authority record", "two additional records",
        "a compressed name", "a trailing byte", "a cut question", "a cut header", "an OPT with a wrong length",
        "an option running past the end", "an additional record that is not OPT", "an OPT with a non-root owner",
    ]

    static func unordinaryQuery(_ label: String) -> [UInt8] {
        var plain = plain
        var opt = withOPT
        switch label {
        case "response": plain[2] |= 0x80
        case "NOTIFY opcode": plain[2] |= 0x20
        case "two questions": plain[5] = 2
        case "an answer record": plain[7] = 1
        case "an authority record": plain[9] = 1
        case "two additional records": plain[11] = 2
        case "a compressed name": plain[12] = 0xC0
        case "a trailing byte": plain.append(0)
        case "a cut question": plain.removeLast()
        case "a cut header": plain.removeLast(plain.count - 11)
        case "an OPT with a wrong length": opt[44] = 0x1D
        case "an option running past the end": opt[64] = 9
        case "an additional record that is not OPT": opt[36] = 0x2A
        default: opt[34] = 1
        }
        return label.contains("OPT") || label.contains("option") ? opt : plain
    }

    @Test(arguments: unordinary)
    func leavesAnythingElseToTheDecoder(_ label: String) {
        #expect(view(Self.unordinaryQuery(label)) == nil)
    }

    @Test func refusesNamesLongerThan255Bytes() {
        let label = [UInt8(63)] + [UInt8](repeating: 0x61, count: 63)
        let header = [UInt8](fixture: "0001 0000 0001 0000 0000 0000")
        let fits = header + label + label + label + [61] + [UInt8](repeating: 0x61, count: 61) + [0, 0, 1, 0, 1]
        let tooLong = header + label + label + label + [62] + [UInt8](repeating: 0x61, count: 62) + [0, 0, 1, 0, 1]
        #expect(view(fits)?.nameLength == 255)
        #expect(view(tooLong) == nil)
    }
}
