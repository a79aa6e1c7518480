public import DNSWire

/// A shared secret for transaction signatures (RFC 8945): the key name both sides configure,
/// its algorithm and its secret bytes. Its description never shows the secret.
public struct TSIGKey: Hashable, Sendable, CustomStringConvertible {
    public let name: DomainName
    public let algorithm: TSIGAlgorithm
    let secret: [UInt8]

    /// A key named `name`; `secret` must not be empty.
    public init?(name: DomainName, algorithm: TSIGAlgorithm, secret: [UInt8]) {
        guard !secret.isEmpty else { return nil }
        self.name = name.lowercased()
        self.algorithm = algorithm
        self.secret = secret
    }

    public var description: String { "\(name) (\(algorithm.rawValue))" }
}
