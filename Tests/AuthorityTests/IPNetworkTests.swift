import Authority
import DNSWire
import Testing

/// CIDR networks for the cluster-network configuration.
struct IPNetworkTests {
    @Test(arguments: ["10.1.0.0/16", "0.0.0.0/0", "192.0.2.7/32", "fd00:1::/48", "::/0", "2001:db8::1/128", "10.1.128.0/17"])
    func parsesAndPrints(_ text: String) throws {
        #expect(try #require(IPNetwork(text)).description == text)
    }

    @Test(arguments: ["10.1.2.3/16", "10.1.0.0", "10.1.0.0/", "10.1.0.0/33", "10.1.0.0/-1", "10.1.0.0/+8", "fd00::/129", "host/8", "10.1.0.0/16/2"])
    func rejectsAnythingElse(_ text: String) {
        #expect(IPNetwork(text) == nil)
    }

    @Test func containsAddressesByPrefix() throws {
        let v4 = try #require(IPNetwork("10.1.128.0/17"))
        #expect(v4.contains([10, 1, 200, 1]))
        #expect(!v4.contains([10, 1, 127, 255]))
        #expect(v4.contains(IPv6Address("::ffff:10.1.200.1")!.octets), "IPv4-mapped IPv6 counts as IPv4")
        #expect(!v4.contains(IPv6Address("fd00::1")!.octets))
        #expect(!v4.contains([]))
        let v6 = try #require(IPNetwork("fd00:e1::/32"))
        #expect(v6.contains(IPv6Address("fd00:e1:ffff::1")!.octets))
        #expect(!v6.contains(IPv6Address("fd00:e2::1")!.octets))
        #expect(!v6.contains([10, 1, 0, 1]))
        #expect(try #require(IPNetwork("0.0.0.0/0")).contains([203, 0, 113, 9]))
    }
}
