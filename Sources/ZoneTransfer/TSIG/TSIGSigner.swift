import DNSWire
import NIOCore

/// Signs one side of a TSIG exchange (RFC 8945): a request, or the messages of a response in
/// order, each signature covering the previous one (§4.3 and §5.3.1).
struct TSIGSigner {
    /// The fudge gnsd signs with, in seconds: what Knot, BIND and NSD use.
    static let fudge: UInt16 = 300

    let key: TSIGKey
    /// The MAC the next signature covers: the request's for a response's first message, then
    /// each message's own.
    private(set) var priorMAC: [UInt8]?
    private var signedOne = false

    /// A signer for a request (`requestMAC` nil) or for the response to a request signed with `requestMAC`.
    init(key: TSIGKey, requestMAC: [UInt8]? = nil) {
        self.key = key
        self.priorMAC = requestMAC
    }

    /// Appends a TSIG record to `message`, a whole encoded message, and counts it in its header.
    /// A response's first message covers the TSIG variables, later ones only the timers.
    mutating func sign(_ message: inout ByteBuffer, time: UInt64, error: TSIGError = .none, otherData: [UInt8] = []) {
        let start = message.readerIndex
        let bytes = Array(message.readableBytesView)
        var record = TSIGRecord(
            algorithm: key.algorithm.name, timeSigned: time, fudge: Self.fudge, mac: [], originalID: UInt16(bytes[0]) << 8 | UInt16(bytes[1]),
            error: error, otherData: otherData)
        var digest = Self.macPrefix(priorMAC)
        digest += bytes
        digest += signedOne ? record.timers : record.variables(keyName: key.name)
        record.mac = key.algorithm.mac(of: digest, secret: key.secret)
        message.writeBytes(record.wire(keyName: key.name))
        let additional = (message.getInteger(at: start + 10, as: UInt16.self) ?? 0) + 1
        message.setInteger(additional, at: start + 10)
        priorMAC = record.mac
        signedOne = true
    }

    /// A MAC as a later digest starts with it: its length, then its bytes.
    static func macPrefix(_ mac: [UInt8]?) -> [UInt8] {
        guard let mac else { return [] }
        return [UInt8(mac.count >> 8), UInt8(mac.count & 0xFF)] + mac
    }
}
