internal import NIOCore

/// Text RDATA (RFC 1035 §3.3.14): one or more character-strings of up to 255 octets.
public struct TXTRecord: Hashable, Sendable, CustomStringConvertible {
    public var strings: [[UInt8]]

    public init(strings: [[UInt8]]) {
        self.strings = strings
    }

    /// A record holding the UTF-8 bytes of each string.
    public init(_ strings: String...) {
        self.strings = strings.map { Array($0.utf8) }
    }

    public var description: String { strings.map(CharacterString.quoted).joined(separator: " ") }
}

extension TXTRecord: RDataCodec {
    static func read(from buffer: inout ByteBuffer, length: Int) throws(DNSWireError) -> TXTRecord {
        guard length > 0 else { throw .badRData(.txt) }
        let end = buffer.readerIndex + length
        var strings: [[UInt8]] = []
        while buffer.readerIndex < end {
            strings.append(try CharacterString.read(from: &buffer, type: .txt))
        }
        return TXTRecord(strings: strings)
    }

    func write(to writer: inout MessageWriter) {
        for string in strings {
            CharacterString.write(string, to: &writer.buffer)
        }
    }
}
