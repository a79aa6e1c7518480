import DNSWire
import NIOCore

/// Query messages as a resolver sends them: recursion desired, EDNS with a 1232-byte payload,
/// DO clear, and a COOKIE option carrying a client cookie and, once known, the server's cookie.
enum Queries {
    /// The 8-byte client cookie every query carries.
    static let clientCookie: [UInt8] = [0x24, 0x64, 0xC4, 0xAB, 0xCF, 0x10, 0xC9, 0x57]

    /// The encoded query for `name`/`type`; `cookie` is the whole COOKIE option data
    /// (client cookie alone on first contact, client plus server cookie afterwards).
    static func query(_ name: String, type: RecordType = .a, cookie: [UInt8] = clientCookie) -> ByteBuffer {
        var header = Header(id: 0x4A2F)
        header.recursionDesired = true
        let message = Message(
            header: header, questions: [Question(name: try! DomainName(name), type: type)],
            edns: EDNS(udpPayloadSize: 1232, options: [EDNSOption(code: .cookie, data: cookie)]))
        var buffer = ByteBuffer()
        message.encode(into: &buffer)
        return buffer
    }
}
