/// DNS COOKIE handling (RFC 7873) with the interoperable server cookie of RFC 9018:
/// version 1, three reserved bytes, a timestamp and SipHash-2-4 over the client cookie,
/// those fields and the client address.
///
/// The SipHash key rotates: the key of each rotation period is derived from the configured
/// secret and the period's number (the cookie's timestamp divided by the period), so every
/// instance sharing the secret and a synchronised clock issues and accepts the same cookies,
/// without any state that changes. A server cookie stays valid under the key of the current
/// period and of the previous one (RFC 9018 §4.3), within an hour in the past and five minutes
/// in the future of its timestamp.
public struct ServerCookie: Sendable {
    /// The secret server cookies are made from: a 16-byte key and the seconds after which the
    /// key derived from it changes.
    public struct Secret: Sendable, Equatable {
        /// The default rotation period: a day.
        public static let defaultRotationSeconds = 86_400

        public let key: [UInt8]
        /// Seconds each derived key is used for issuing, at least an hour (the longest a cookie lives).
        public let rotationSeconds: Int

        public init(key: [UInt8], rotationSeconds: Int = defaultRotationSeconds) {
            precondition(key.count == 16, "cookie secrets are 16 bytes")
            self.key = key
            self.rotationSeconds = max(rotationSeconds, Int(ServerCookie.maximumAge))
        }
    }

    static let clientCookieLength = 8
    /// The length of the reply option's data: the client cookie and a 16-byte server cookie.
    static let replyLength = 24
    /// How old a server cookie's timestamp may be, in seconds (RFC 9018 §4.3).
    static let maximumAge: UInt32 = 3600
    /// How far in the future a server cookie's timestamp may lie, in seconds (RFC 9018 §4.3).
    static let maximumLead: UInt32 = 300

    private let secretKey: (UInt64, UInt64)
    private let rotationSeconds: UInt32

    /// A cookie generator keyed by `secret`.
    public init(secret: Secret) {
        self.secretKey = SipHash24.key(secret.key)
        self.rotationSeconds = UInt32(clamping: secret.rotationSeconds)
    }

    /// True when a COOKIE option of `length` bytes is well formed: a client cookie alone, or
    /// with a server cookie of 8 to 32 bytes.
    static func isValid(length: Int) -> Bool {
        length == clientCookieLength || (16...40).contains(length)
    }

    /// The COOKIE option data answering the option `data` (of a valid length, see
    /// ``EDNSReply``) of a query from `clientAddress` (4 or 16 bytes) at `timestamp` (seconds
    /// since the epoch): the client cookie followed by a fresh server cookie.
    func reply(to data: [UInt8], clientAddress: [UInt8], timestamp: UInt32) -> [UInt8] {
        precondition(Self.isValid(length: data.count), "the COOKIE option was checked before")
        var reply = [UInt8](repeating: 0, count: Self.replyLength)
        data.withUnsafeBytes { cookie in
            clientAddress.withUnsafeBytes { address in
                reply.withUnsafeMutableBytes { writeReply(clientCookie: cookie, clientAddress: address, timestamp: timestamp, to: $0) }
            }
        }
        return reply
    }

    /// Writes the reply option's ``replyLength`` bytes for a query whose COOKIE option data is
    /// `clientCookie` (of a valid length) to the start of `destination`; allocates nothing.
    func writeReply(
        clientCookie: UnsafeRawBufferPointer, clientAddress: UnsafeRawBufferPointer, timestamp: UInt32,
        to destination: UnsafeMutableRawBufferPointer
    ) {
        destination.copyMemory(from: UnsafeRawBufferPointer(rebasing: clientCookie.prefix(Self.clientCookieLength)))
        destination.storeBytes(of: UInt32(0x0100_0000).bigEndian, toByteOffset: 8, as: UInt32.self)
        destination.storeBytes(of: timestamp.bigEndian, toByteOffset: 12, as: UInt32.self)
        let hash = self.hash(
            cookies: UnsafeRawBufferPointer(rebasing: destination.prefix(16)), clientAddress: clientAddress,
            key: key(forPeriod: timestamp / rotationSeconds))
        destination.storeBytes(of: hash.littleEndian, toByteOffset: 16, as: UInt64.self)
    }

    /// True when the COOKIE option `data` of a query from `clientAddress` holds a server cookie
    /// gnsd issued to that address, under the key of the current or the previous period, whose
    /// timestamp is at most an hour older than `now` and at most five minutes ahead of it.
    func isValidServerCookie(_ data: UnsafeRawBufferPointer, clientAddress: UnsafeRawBufferPointer, now: UInt32) -> Bool {
        guard data.count == Self.replyLength, data[Self.clientCookieLength] == 1 else { return false }
        let timestamp = UInt32(bigEndian: data.loadUnaligned(fromByteOffset: 12, as: UInt32.self))
        let age = now &- timestamp
        guard age <= Self.maximumAge || 0 &- age <= Self.maximumLead else { return false }
        let period = timestamp / rotationSeconds
        let currentPeriod = now / rotationSeconds
        guard period == currentPeriod || period &+ 1 == currentPeriod else { return false }
        let hash = self.hash(cookies: UnsafeRawBufferPointer(rebasing: data.prefix(16)), clientAddress: clientAddress, key: key(forPeriod: period))
        return UInt64(littleEndian: data.loadUnaligned(fromByteOffset: 16, as: UInt64.self)) == hash
    }

    /// The SipHash key of rotation period `period`: two words hashed from the period number
    /// under the secret.
    private func key(forPeriod period: UInt32) -> (UInt64, UInt64) {
        withUnsafeTemporaryAllocation(byteCount: 8, alignment: 8) { message in
            message.storeBytes(of: period.littleEndian, toByteOffset: 0, as: UInt32.self)
            message.storeBytes(of: UInt32(0).littleEndian, toByteOffset: 4, as: UInt32.self)
            let first = SipHash24.hash(key: secretKey, message: UnsafeRawBufferPointer(message))
            message.storeBytes(of: UInt32(1).littleEndian, toByteOffset: 4, as: UInt32.self)
            return (first, SipHash24.hash(key: secretKey, message: UnsafeRawBufferPointer(message)))
        }
    }

    /// SipHash-2-4 under `key` of the first 16 bytes of a COOKIE option (client cookie, version,
    /// reserved bytes, timestamp) followed by the client address.
    private func hash(cookies: UnsafeRawBufferPointer, clientAddress: UnsafeRawBufferPointer, key: (UInt64, UInt64)) -> UInt64 {
        let hashedLength = 16 + min(clientAddress.count, 16)
        return withUnsafeTemporaryAllocation(byteCount: 32, alignment: 8) { message in
            message.copyMemory(from: cookies)
            UnsafeMutableRawBufferPointer(rebasing: message[16..<hashedLength])
                .copyMemory(from: UnsafeRawBufferPointer(rebasing: clientAddress.prefix(16)))
            return SipHash24.hash(key: key, message: UnsafeRawBufferPointer(rebasing: message.prefix(hashedLength)))
        }
    }
}
