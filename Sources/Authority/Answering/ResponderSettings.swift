/// How the responder shapes its replies.
public struct ResponderSettings: Sendable {
    /// Cap on the UDP payload size a client may ask for with EDNS, and the size gnsd advertises.
    public var maxUDPPayload: Int
    /// The NSID (RFC 5001) sent to clients that ask for it; `nil` sends none.
    public var nsid: [UInt8]?
    /// The secret of server cookies (RFC 7873): a 16-byte key and how often the key derived
    /// from it rotates.
    public var cookieSecret: ServerCookie.Secret
    /// Response rate limiting of UDP answers; `nil` turns it off. TCP is never limited.
    public var rateLimit: RateLimitSettings?
    /// The bytes of answer copies each UDP worker's ``DatagramAnswerer`` may keep: its share of
    /// the process's budget.
    public var answerCopyBytesPerWorker: Int
    /// What `CH TXT id.server` and `version.server` answer.
    public var serverIdentity: ServerIdentity

    public init(
        maxUDPPayload: Int = 1232, nsid: [UInt8]? = nil, cookieSecret: [UInt8],
        cookieRotationSeconds: Int = ServerCookie.Secret.defaultRotationSeconds, rateLimit: RateLimitSettings? = nil,
        answerCopyBytesPerWorker: Int = DatagramAnswerer.defaultCacheBudget, serverIdentity: ServerIdentity = ServerIdentity()
    ) {
        self.maxUDPPayload = maxUDPPayload
        self.nsid = nsid
        self.cookieSecret = ServerCookie.Secret(key: cookieSecret, rotationSeconds: cookieRotationSeconds)
        self.rateLimit = rateLimit
        self.answerCopyBytesPerWorker = answerCopyBytesPerWorker
        self.serverIdentity = serverIdentity
    }
}
