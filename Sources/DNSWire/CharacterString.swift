internal import NIOCore

/// The length-prefixed `<character-string>` of RFC 1035 §3.3, shared by TXT and CAA.
enum CharacterString {
    static func read(from buffer: inout ByteBuffer, type: RecordType) throws(DNSWireError) -> [UInt8] {
        guard let length = buffer.readInteger(as: UInt8.self), let bytes = buffer.readBytes(length: Int(length)) else {
            throw .badRData(type)
        }
        return bytes
    }

    static func write(_ bytes: [UInt8], to buffer: inout ByteBuffer) {
        buffer.writeInteger(UInt8(bytes.count))
        buffer.writeBytes(bytes)
    }

    /// Presentation form in double quotes with `\"`, `\\` and `\DDD` escapes.
    static func quoted(_ bytes: [UInt8]) -> String {
        var text = "\""
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                text.append("\\")
                text.append(Character(Unicode.Scalar(byte)))
            case 0x20...0x7E:
                text.append(Character(Unicode.Scalar(byte)))
            default:
                text.append("\\" + DomainName.threeDigits(byte))
            }
        }
        return text + "\""
    }
}
