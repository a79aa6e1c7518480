import Crypto
public import DNSWire

/// The HMAC algorithms gnsd signs and verifies transfers and NOTIFY messages with (RFC 8945 §6),
/// named as Knot and BIND name them.
public enum TSIGAlgorithm: String, CaseIterable, Sendable {
    case hmacSHA256 = "hmac-sha256"
    case hmacSHA384 = "hmac-sha384"
    case hmacSHA512 = "hmac-sha512"

    /// The algorithm's name as the TSIG record carries it.
    public var name: DomainName {
        // The raw values are valid names, so this cannot fail.
        try! DomainName(rawValue + ".")
    }

    /// The algorithm a TSIG record names, when gnsd knows it.
    init?(name: DomainName) {
        guard let algorithm = Self.allCases.first(where: { $0.name == name }) else { return nil }
        self = algorithm
    }

    /// The length of a whole MAC.
    var macLength: Int {
        switch self {
        case .hmacSHA256: 32
        case .hmacSHA384: 48
        case .hmacSHA512: 64
        }
    }

    /// The MAC of `data` under `secret`.
    func mac(of data: [UInt8], secret: [UInt8]) -> [UInt8] {
        let key = SymmetricKey(data: secret)
        switch self {
        case .hmacSHA256: return Array(HMAC<SHA256>.authenticationCode(for: data, using: key))
        case .hmacSHA384: return Array(HMAC<SHA384>.authenticationCode(for: data, using: key))
        case .hmacSHA512: return Array(HMAC<SHA512>.authenticationCode(for: data, using: key))
        }
    }
}
