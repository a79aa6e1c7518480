/// Hand-made response bytes for the rate-limiting tests: a header, one question, records.
enum ResponseFixture {
    /// `name` in wire form, uncompressed.
    static func name(_ text: String) -> [UInt8] {
        text.split(separator: ".").flatMap { [UInt8($0.utf8.count)] + Array($0.utf8) } + [0]
    }

    /// A header with ID 0x1234, `flags` and the section counts.
    static func header(flags: UInt16, answers: UInt16 = 0, authorities: UInt16 = 0, additionals: UInt16 = 0) -> [UInt8] {
        [0x12, 0x34, UInt8(flags >> 8), UInt8(flags & 0xFF), 0, 1]
            + [UInt8(answers >> 8), UInt8(answers & 0xFF), UInt8(authorities >> 8), UInt8(authorities & 0xFF)]
            + [UInt8(additionals >> 8), UInt8(additionals & 0xFF)]
    }

    /// The question `qname` IN of `type`.
    static func question(_ qname: String, type: UInt16 = 1) -> [UInt8] {
        name(qname) + [UInt8(type >> 8), UInt8(type & 0xFF), 0, 1]
    }

    /// An A record owned by the question name (a pointer to offset 12).
    static let addressRecord: [UInt8] = [0xC0, 0x0C, 0, 1, 0, 1, 0, 0, 0, 20, 0, 4, 192, 0, 2, 1]

    /// An SOA record owned by the name at `zoneOffset`, its names pointing there too.
    static func soaRecord(zoneOffset: UInt8) -> [UInt8] {
        [0xC0, zoneOffset, 0, 6, 0, 1, 0, 0, 0, 5, 0, 24, 0xC0, zoneOffset, 0xC0, zoneOffset]
            + [0, 0, 0, 1, 0, 0, 0x0E, 0x10, 0, 0, 0x07, 0x08, 0, 0x09, 0x3A, 0x80, 0, 0, 0, 5]
    }

    /// An OPT record advertising 1232 bytes with DO set and `options`.
    static func opt(options: [UInt8] = []) -> [UInt8] {
        [0, 0, 41, 0x04, 0xD0, 0, 0, 0x80, 0, UInt8(options.count >> 8), UInt8(options.count & 0xFF)] + options
    }

    /// A COOKIE option holding `data`.
    static func cookieOption(_ data: [UInt8]) -> [UInt8] {
        [0, 10, 0, UInt8(data.count)] + data
    }

    /// An NSID option holding "ns1".
    static let nsidOption: [UInt8] = [0, 3, 0, 3] + Array("ns1".utf8)

    /// An authoritative answer: www.example.test A 192.0.2.1.
    static let answer = header(flags: 0x8400, answers: 1) + question("www.example.test") + addressRecord

    /// NXDOMAIN for `qname` (of three labels under example.test) with the zone's SOA.
    static func nxdomain(_ qname: String) -> [UInt8] {
        header(flags: 0x8403, authorities: 1) + question(qname) + soaRecord(zoneOffset: UInt8(12 + 1 + qname.split(separator: ".")[0].utf8.count))
    }

    /// NODATA for `qname` (of three labels under example.test) type AAAA, with the zone's SOA.
    static func nodata(_ qname: String) -> [UInt8] {
        header(flags: 0x8400, authorities: 1) + question(qname, type: 28)
            + soaRecord(zoneOffset: UInt8(12 + 1 + qname.split(separator: ".")[0].utf8.count))
    }

    /// REFUSED for `qname`.
    static func refused(_ qname: String) -> [UInt8] {
        header(flags: 0x8005) + question(qname)
    }
}
