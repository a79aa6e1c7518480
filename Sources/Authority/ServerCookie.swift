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

    static let clientCookieLength = 8
    /// The length of the reply option's data: the client cookie and a 16-byte server cookie.
    static let replyLength = 24

    private let key: (UInt64, UInt64)

    /// A cookie generator keyed by a 16-byte secret.
    public init(secret: [UInt8]) {
        self.key = SipHash24.key(secret)
    }

    /// True when a COOKIE option of `length` bytes is well formed: a client cookie alone, or
    /// with a server cookie of 8 to 32 bytes.
    static func isValid(length: Int) -> Bool {
        length == clientCookieLength || (16...40).contains(length)
    }

    /// Answers the COOKIE option `data` of a query from `clientAddress` (4 or 16 bytes) at
    /// `timestamp` (seconds since the epoch).
    public func respond(to data: [UInt8], clientAddress: [UInt8], timestamp: UInt32) -> Outcome {
        guard Self.isValid(length: data.count) else { return .malformed }
        var reply = [UInt8](repeating: 0, count: Self.replyLength)
        data.withUnsafeBytes { cookie in
            clientAddress.withUnsafeBytes { address in
                reply.withUnsafeMutableBytes { writeReply(clientCookie: cookie, clientAddress: address, timestamp: timestamp, to: $0) }
            }
        }
        return .reply(reply)
    }

    /// Writes the reply option's ``replyLength`` bytes for a query whose COOKIE option data is
    /// `clientCookie` (of a valid length) to the start of `destination`; allocates nothing.
    func writeReply(
        clientCookie: UnsafeRawBufferPointer, clientAddress: UnsafeRawBufferPointer, timestamp: UInt32,
        to destination: UnsafeMutableRawBufferPointer
    ) {
        let hashedLength = Self.clientCookieLength + 8 + clientAddress.count
        withUnsafeTemporaryAllocation(byteCount: Self.clientCookieLength + 8 + 16, alignment: 8) { message in
            message.copyMemory(from: UnsafeRawBufferPointer(rebasing: clientCookie.prefix(Self.clientCookieLength)))
            message.storeBytes(of: UInt32(0x0100_0000).bigEndian, toByteOffset: 8, as: UInt32.self)
            message.storeBytes(of: timestamp.bigEndian, toByteOffset: 12, as: UInt32.self)
            UnsafeMutableRawBufferPointer(rebasing: message[16...]).copyMemory(from: clientAddress)
            let hash = SipHash24.hash(key: key, message: UnsafeRawBufferPointer(rebasing: message.prefix(hashedLength)))
            destination.copyMemory(from: UnsafeRawBufferPointer(rebasing: message.prefix(16)))
            destination.storeBytes(of: hash.littleEndian, toByteOffset: 16, as: UInt64.self)
        }
    }
}
