import DNSWire
import Testing

/// Text forms of `IPv4Address` and `IPv6Address`: parsing and RFC 5952 output.
struct IPAddressTests {
    @Test(arguments: [
        ("192.0.2.1", 0xC000_0201 as UInt32),
        ("0.0.0.0", 0),
        ("255.255.255.255", 0xFFFF_FFFF),
        ("10.0.0.255", 0x0A00_00FF),
        ("1.22.133.4", 0x0116_8504),
    ])
    func parsesIPv4(text: String, value: UInt32) throws {
        let address = try #require(IPv4Address(text))
        #expect(address.value == value)
        #expect(address.description == text)
    }

    @Test func convertsIPv4Octets() throws {
        let address = try #require(IPv4Address(octets: [192, 0, 2, 1]))
        #expect(address.value == 0xC000_0201)
        #expect(address.octets == [192, 0, 2, 1])
        #expect(IPv4Address(octets: [192, 0, 2]) == nil)
        #expect(IPv4Address(octets: [192, 0, 2, 1, 0]) == nil)
    }

    @Test(arguments: [
        "", "1.2.3", "1.2.3.4.5", "1.2.3.4.", ".1.2.3", "1..2.3", "256.0.0.1", "01234.1.1.1",
        "a.b.c.d", "1.2.3.0x4", " 1.2.3.4", "1.2.3.4 ", "+1.2.3.4", "1.2.3.-0", "١.2.3.4",
        "1.2.3.256", "1.2.3.1000", "1.2.3.4..", "...", "1.2.3.４", "1.2.3.4\0",
    ])
    func rejectsInvalidIPv4(text: String) {
        #expect(IPv4Address(text) == nil)
    }

    /// Octets of one to three digits read as decimal, leading zeros included, as before.
    @Test func acceptsLeadingZeros() throws {
        #expect(try #require(IPv4Address("010.001.000.255")).value == 0x0A01_00FF)
    }

    @Test(arguments: [
        ("2001:db8::1", "2001 0db8 0000 0000 0000 0000 0000 0001"),
        ("2001:DB8:0:0:0:0:0:1", "2001 0db8 0000 0000 0000 0000 0000 0001"),
        ("2001:0db8:0000:0000:0000:0000:0000:0001", "2001 0db8 0000 0000 0000 0000 0000 0001"),
        ("::", "0000 0000 0000 0000 0000 0000 0000 0000"),
        ("::1", "0000 0000 0000 0000 0000 0000 0000 0001"),
        ("1::", "0001 0000 0000 0000 0000 0000 0000 0000"),
        ("1:2:3:4:5:6::8", "0001 0002 0003 0004 0005 0006 0000 0008"),
        ("1:2:3:4:5:6:7:8", "0001 0002 0003 0004 0005 0006 0007 0008"),
        ("::ffff:192.0.2.1", "0000 0000 0000 0000 0000 ffff c000 0201"),
        ("64:ff9b::198.51.100.7", "0064 ff9b 0000 0000 0000 0000 c633 6407"),
        ("1:2:3:4:5:6:192.0.2.1", "0001 0002 0003 0004 0005 0006 c000 0201"),
    ])
    func parsesIPv6(text: String, octets: String) throws {
        #expect(try #require(IPv6Address(text)).octets == [UInt8](fixture: octets))
    }

    @Test(arguments: [
        "", ":", ":::", "1::2::3", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7::8", ":1:2:3:4:5:6:7",
        "1:2:3:4:5:6:7:", "12345::", "g::", "::ffff:256.0.0.1", "::192.0.2.1:1", "1:2:3:4:5:6:7:192.0.2.1",
        "192.0.2.1::", "+1::", "::-0", "1 ::",
    ])
    func rejectsInvalidIPv6(text: String) {
        #expect(IPv6Address(text) == nil)
    }

    @Test(arguments: [
        ("2001 0db8 0000 0000 0000 0000 0000 0001", "2001:db8::1"),
        ("0000 0000 0000 0000 0000 0000 0000 0000", "::"),
        ("0000 0000 0000 0000 0000 0000 0000 0001", "::1"),
        ("0001 0000 0000 0000 0000 0000 0000 0000", "1::"),
        ("2001 0db8 0000 0000 0001 0000 0000 0001", "2001:db8::1:0:0:1"),
        ("2001 0000 0000 0001 0000 0000 0000 0001", "2001:0:0:1::1"),
        ("2001 0db8 0000 0001 0001 0001 0001 0001", "2001:db8:0:1:1:1:1:1"),
        ("2001 0db8 0001 0001 0001 0001 0001 0000", "2001:db8:1:1:1:1:1:0"),
        ("ABCD EF01 0000 0000 0000 0000 0000 00A0", "abcd:ef01::a0"),
        ("0000 0001 0000 0000 0000 0000 0001 0000", "0:1::1:0"),
    ])
    func describesIPv6PerRFC5952(octets: String, text: String) throws {
        let address = try #require(IPv6Address(octets: [UInt8](fixture: octets)))
        #expect(address.description == text)
        #expect(IPv6Address(text) == address)
    }

    @Test func rejectsIPv6OctetCountsOtherThanSixteen() {
        #expect(IPv6Address(octets: Array(repeating: 0, count: 15)) == nil)
        #expect(IPv6Address(octets: Array(repeating: 0, count: 17)) == nil)
    }
}
