/// How the responder shapes its replies.
public struct ResponderSettings: Sendable {
    /// Cap on the UDP payload size a client may ask for with EDNS, and the size gnsd advertises.
    public var maxUDPPayload: Int
    /// The NSID (RFC 5001) sent to clients that ask for it; `nil` sends none.
    public var nsid: [UInt8]?
    /// The 16-byte key of server cookies (RFC 7873).
    public var cookieSecret: [UInt8]

    public init(maxUDPPayload: Int = 1232, nsid: [UInt8]? = nil, cookieSecret: [UInt8]) {
        self.maxUDPPayload = maxUDPPayload
        self.nsid = nsid
        self.cookieSecret = cookieSecret
    }
}
