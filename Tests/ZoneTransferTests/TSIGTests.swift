import DNSWire
import NIOCore
import Testing

@testable import ZoneTransfer

/// TSIG signing and checking (RFC 8945) on byte-level messages.
struct TSIGTests {
    static let key = TSIGKey(name: try! DomainName("gnsd-transfer."), algorithm: .hmacSHA256, secret: Array(repeating: 7, count: 32))!

    static func query(id: UInt16 = 0x1234) -> ByteBuffer {
        var message = Message(header: Header(id: id))
        message.questions = [Question(name: try! DomainName("clusterset.local."), type: .axfr)]
        var buffer = ByteBuffer()
        message.encode(into: &buffer)
        return buffer
    }

    @Test func aSignedRequestVerifiesWithItsKeyOnly() throws {
        var request = Self.query()
        var signer = TSIGSigner(key: Self.key)
        signer.sign(&request, time: 1_000_000)
        let signed = try #require(try SignedMessage.read(request))
        #expect(signed.keyName == Self.key.name)
        #expect(signed.unsigned == Array(Self.query().readableBytesView))
        #expect(TSIGVerifier(keys: [Self.key]).verify(signed, now: 1_000_100) == .valid(Self.key, mac: signer.priorMAC!))

        let otherSecret = TSIGKey(name: Self.key.name, algorithm: .hmacSHA256, secret: Array(repeating: 8, count: 32))!
        #expect(TSIGVerifier(keys: [otherSecret]).verify(signed, now: 1_000_100) == .invalid(.badSignature, key: otherSecret, requestMAC: nil))
        #expect(TSIGVerifier(keys: []).verify(signed, now: 1_000_100) == .invalid(.badKey, key: nil, requestMAC: nil))
        #expect(TSIGVerifier(keys: [Self.key]).verify(signed, now: 1_000_301) == .invalid(.badTime, key: Self.key, requestMAC: signer.priorMAC))
    }

    @Test func aChangedByteBreaksTheSignature() throws {
        var request = Self.query()
        var signer = TSIGSigner(key: Self.key)
        signer.sign(&request, time: 1_000_000)
        request.setInteger(UInt8(0x01), at: 2)  // RD on after signing
        let signed = try #require(try SignedMessage.read(request))
        #expect(TSIGVerifier(keys: [Self.key]).verify(signed, now: 1_000_000) == .invalid(.badSignature, key: Self.key, requestMAC: nil))
    }

    @Test func anUnsignedMessageHasNoSignature() throws {
        #expect(try SignedMessage.read(Self.query()) == nil)
    }

    /// The MAC of a fixed message, as `dig -y hmac-sha256:gnsd-transfer:<secret>` computes it: the
    /// request digest is the message, then the key name, class ANY, TTL 0, the algorithm name,
    /// time, fudge, error and other length.
    @Test func theDigestCoversTheRFC8945Variables() {
        var request = Self.query()
        var signer = TSIGSigner(key: Self.key)
        signer.sign(&request, time: 0x0102_0304_0506)
        var digest = Array(Self.query().readableBytesView)
        digest += Self.key.name.wire + [0, 255, 0, 0, 0, 0] + TSIGAlgorithm.hmacSHA256.name.wire
        digest += [1, 2, 3, 4, 5, 6, 1, 44, 0, 0, 0, 0]
        #expect(signer.priorMAC == TSIGAlgorithm.hmacSHA256.mac(of: digest, secret: Array(repeating: 7, count: 32)))
    }
}
