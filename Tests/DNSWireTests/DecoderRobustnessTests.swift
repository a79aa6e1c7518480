import DNSWire
import SeededRandom
import Testing

/// Random and mutated inputs: decoding never traps, and whatever decodes re-encodes to the same message.
struct DecoderRobustnessTests {
    /// What the decoder made of a batch of inputs.
    private struct Outcome {
        var decoded = 0
        var rejected = 0
        /// Inputs that decoded but did not survive an encode and decode round trip.
        var roundTripFailures: [[UInt8]] = []

        mutating func decode(_ bytes: [UInt8]) {
            do {
                let message = try Wire.decode(bytes)
                decoded += 1
                let (reencoded, truncated) = Wire.encode(message)
                if truncated || (try? Wire.decode(reencoded)) != message {
                    roundTripFailures.append(bytes)
                }
            } catch {
                rejected += 1
            }
            _ = try? ResourceRecord(wire: bytes)
            _ = try? DomainName(wire: bytes)
        }
    }

    /// Valid messages to mutate: the message fixtures and one answer of every RDATA fixture.
    private static func validMessages() throws -> [[UInt8]] {
        let records = try RDataFixtureTests.Fixture.all().map(\.record)
        let everyRData = MalformedInputTests.message(an: UInt16(records.count), "") + records.joined()
        return try MessageTests.Fixture.all().map { [UInt8](fixture: $0.wire) } + [everyRData]
    }

    /// `count` random bytes.
    private static func bytes(count: Int, using random: inout SplitMix64) -> [UInt8] {
        (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &random) }
    }

    /// `original` with one to four bytes bit-flipped, randomized or set to a label-type boundary,
    /// then cut short half of the time.
    private static func mutated(_ original: [UInt8], using random: inout SplitMix64) -> [UInt8] {
        var bytes = original
        for _ in 0..<Int.random(in: 1...4, using: &random) {
            let index = Int.random(in: bytes.indices, using: &random)
            switch Int.random(in: 0..<3, using: &random) {
            case 0: bytes[index] ^= 1 << UInt8.random(in: 0..<8, using: &random)
            case 1: bytes[index] = UInt8.random(in: .min ... .max, using: &random)
            default: bytes[index] = [0x00, 0x3F, 0x40, 0xC0, 0xFF].randomElement(using: &random) ?? 0
            }
        }
        if Bool.random(using: &random) {
            bytes.removeLast(Int.random(in: 0...bytes.count, using: &random))
        }
        return bytes
    }

    private static func expectRoundTrips(_ outcome: Outcome) {
        #expect(outcome.roundTripFailures.isEmpty, "first failing input: \(outcome.roundTripFailures.first?.hex ?? "")")
    }

    @Test func survivesRandomBytes() {
        var random = SplitMix64(seed: 0x676E_7364)
        var outcome = Outcome()
        for _ in 0..<3000 {
            var bytes = Self.bytes(count: Int.random(in: 0...300, using: &random), using: &random)
            if bytes.count >= 12, Bool.random(using: &random) {
                for countIndex in stride(from: 4, to: 12, by: 2) {
                    bytes[countIndex] = 0
                    bytes[countIndex + 1] = UInt8.random(in: 0...3, using: &random)
                }
            }
            outcome.decode(bytes)
        }
        #expect(outcome.rejected > 0)
        Self.expectRoundTrips(outcome)
    }

    @Test func survivesMutatedFixtures() throws {
        var random = SplitMix64(seed: 0x5EED)
        var outcome = Outcome()
        let originals = try Self.validMessages()
        for original in originals {
            outcome.decode(original)
        }
        #expect(outcome.decoded == originals.count)
        for _ in 0..<5000 {
            outcome.decode(Self.mutated(originals.randomElement(using: &random) ?? [], using: &random))
        }
        #expect(outcome.decoded > 1000)
        #expect(outcome.rejected > 1000)
        Self.expectRoundTrips(outcome)
    }
}
