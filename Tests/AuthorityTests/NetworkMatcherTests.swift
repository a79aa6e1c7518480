import DNSWire
import SeededRandom
import Testing

@testable import Authority

/// The allocation-free matcher of the UDP answer cache agrees with `IPNetwork.contains`.
struct NetworkMatcherTests {
    static let networks = ["10.1.128.0/17", "10.0.0.0/8", "0.0.0.0/0", "fd00:e1::/32", "::ffff:0:0/96", "2001:db8::1/128", "::/0"]
        .map { IPNetwork($0)! }

    /// Addresses near the networks' edges, drawn at random: mostly inside one of them, some not.
    static func randomAddress(_ random: inout SplitMix64) -> [UInt8] {
        switch random.number(1...5) {
        case 1: return [10, UInt8(random.number(0...2)), UInt8(random.number(120...135)), UInt8(random.number(0...255))]
        case 2: return (0..<4).map { _ in UInt8(random.number(0...255)) }
        case 3: return IPv6Address("::ffff:10.1.0.0")!.octets.dropLast(2) + [UInt8(random.number(0...255)), UInt8(random.number(0...255))]
        case 4: return [0xFD, 0x00, 0x00, UInt8(random.pick([0xE1, 0xE2]))] + (0..<12).map { _ in UInt8(random.number(0...255)) }
        default: return IPv6Address(random.pick(["2001:db8::1", "2001:db8::2", "::1"]))!.octets
        }
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func firstMatchAgreesWithIPNetwork(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        for count in 0...Self.networks.count {
            let networks = Array(Self.networks.shuffled(using: &random).prefix(count))
            let matcher = NetworkMatcher(networks)
            for _ in 0..<200 {
                let address = Self.randomAddress(&random)
                let expected = networks.firstIndex { $0.contains(address) }
                #expect(address.withUnsafeBytes { matcher.firstMatch($0) } == expected, "\(address) in \(networks)")
            }
        }
    }

    @Test func addressesOfOtherLengthsMatchNothing() {
        let matcher = NetworkMatcher([IPNetwork("0.0.0.0/0")!, IPNetwork("::/0")!])
        #expect([UInt8]().withUnsafeBytes { matcher.firstMatch($0) } == nil)
        #expect([UInt8](repeating: 1, count: 5).withUnsafeBytes { matcher.firstMatch($0) } == nil)
    }
}
