public import NIOCore

/// DNS COOKIE handling (RFC 7873) with the interoperable server cookie of RFC 9018:
/// version 1, three reserved bytes, a timestamp and SipHash-2-4 over the client cookie,
/// those fields and the client address.
public struct ServerCookie: Sendable {
    /// What to do with the COOKIE option of a query.
    public enum Outcome: Equatable, Sendable {
        /// Reply with this COOKIE option data (client cookie followed by a fresh server cookie).
        case reply([UInt8])
        /// The option length is invalid: the query gets FORMERR (RFC 7873 §5.2.2).
        case malformed
    }

    private static let clientCookieLength = 8
    private static let validLengths = [8] + Array(16...40)

    private let secret: [UInt8]

    /// A cookie generator keyed by a 16-byte secret.
    public init(secret: [UInt8]) {
        precondition(secret.count == 16, "cookie secrets are 16 bytes")
        self.secret = secret
    }

    /// Answers the COOKIE option `data` of a query from `client` at `timestamp` (seconds since the epoch).
    public func respond(to data: [UInt8], client: SocketAddress, timestamp: UInt32) -> Outcome {
        guard Self.validLengths.contains(data.count) else { return .malformed }
        let clientCookie = Array(data.prefix(Self.clientCookieLength))
        var header: [UInt8] = [1, 0, 0, 0]
        withUnsafeBytes(of: timestamp.bigEndian) { header.append(contentsOf: $0) }
        let hash = SipHash24.hash(key: secret, message: clientCookie + header + client.addressBytes)
        var reply = clientCookie + header
        withUnsafeBytes(of: hash.littleEndian) { reply.append(contentsOf: $0) }
        return .reply(reply)
    }
}

extension SocketAddress {
    /// The raw IP address bytes (4 or 16), empty for non-IP addresses.
    var addressBytes: [UInt8] {
        switch self {
        case .v4(let address): withUnsafeBytes(of: address.address.sin_addr) { Array($0) }
        case .v6(let address): withUnsafeBytes(of: address.address.sin6_addr) { Array($0) }
        case .unixDomainSocket: []
        }
    }
}
