internal import NIOCore

/// Certification authority authorization RDATA (RFC 8659).
public struct CAARecord: Hashable, Sendable, CustomStringConvertible {
    public var flags: UInt8
    /// The property tag, such as `issue`; 1 to 15 alphanumeric octets.
    public var tag: [UInt8]
    public var value: [UInt8]

    public init(flags: UInt8, tag: String, value: String) {
        self.flags = flags
        self.tag = Array(tag.utf8)
        self.value = Array(value.utf8)
    }

    public var description: String {
        "\(flags) \(String(decoding: tag, as: UTF8.self)) \(CharacterString.quoted(value))"
    }
}

extension CAARecord: RDataCodec {
    static func read(from buffer: inout ByteBuffer, length: Int) throws(DNSWireError) -> CAARecord {
        guard let flags = buffer.readInteger(as: UInt8.self) else { throw .badRData(.caa) }
        let tag = try CharacterString.read(from: &buffer, type: .caa)
        let valueLength = length - 2 - tag.count
        guard !tag.isEmpty, valueLength >= 0, let value = buffer.readBytes(length: valueLength) else {
            throw .badRData(.caa)
        }
        var record = CAARecord(flags: flags, tag: "", value: "")
        record.tag = tag
        record.value = value
        return record
    }

    func write(to writer: inout MessageWriter) {
        writer.buffer.writeInteger(flags)
        CharacterString.write(tag, to: &writer.buffer)
        writer.buffer.writeBytes(value)
    }
}
