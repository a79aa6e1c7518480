import DNSWire

/// Checks the TSIG signature of a received message against the configured keys (RFC 8945 §5).
struct TSIGVerifier {
    /// What a check found.
    enum Outcome: Equatable {
        case valid(TSIGKey, mac: [UInt8])
        /// Refused with `error`; `key` is set when the key was known (a BADTIME answer is signed
        /// with it), `requestMAC` when the MAC had the right length.
        case invalid(TSIGError, key: TSIGKey?, requestMAC: [UInt8]?)
    }

    let keys: [DomainName: TSIGKey]

    init(keys: [TSIGKey]) {
        self.keys = Dictionary(keys.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Checks `message` at `now` (seconds since the epoch); `priorMAC` is the request's MAC when
    /// `message` is a response to a signed request.
    func verify(_ message: SignedMessage, now: UInt64, priorMAC: [UInt8]? = nil) -> Outcome {
        guard let key = keys[message.keyName], TSIGAlgorithm(name: message.record.algorithm) == key.algorithm else {
            return .invalid(.badKey, key: nil, requestMAC: nil)
        }
        let mac = message.record.mac
        guard mac.count == key.algorithm.macLength else {
            return .invalid(mac.count > key.algorithm.macLength ? .badSignature : .badTruncation, key: key, requestMAC: nil)
        }
        let digest = TSIGSigner.macPrefix(priorMAC) + message.unsigned + message.record.variables(keyName: message.keyName)
        guard Self.constantTimeEqual(key.algorithm.mac(of: digest, secret: key.secret), mac) else {
            return .invalid(.badSignature, key: key, requestMAC: nil)
        }
        let skew = now > message.record.timeSigned ? now - message.record.timeSigned : message.record.timeSigned - now
        guard skew <= UInt64(message.record.fudge) else { return .invalid(.badTime, key: key, requestMAC: mac) }
        return .valid(key, mac: mac)
    }

    private static func constantTimeEqual(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        guard lhs.count == rhs.count else { return false }
        var difference: UInt8 = 0
        for index in lhs.indices {
            difference |= lhs[index] ^ rhs[index]
        }
        return difference == 0
    }
}
