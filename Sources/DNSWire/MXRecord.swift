internal import NIOCore

/// Mail exchange RDATA (RFC 1035 §3.3.9).
public struct MXRecord: Hashable, Sendable, CustomStringConvertible {
    public var preference: UInt16
    public var exchange: DomainName

    public init(preference: UInt16, exchange: DomainName) {
        self.preference = preference
        self.exchange = exchange
    }

    public var description: String { "\(preference) \(exchange)" }
}

extension MXRecord: RDataCodec {
    static func read(from buffer: inout ByteBuffer, messageStart: Int) throws(DNSWireError) -> MXRecord {
        guard let preference = buffer.readInteger(as: UInt16.self) else { throw .badRData(.mx) }
        return MXRecord(preference: preference, exchange: try buffer.readDomainName(messageStart: messageStart))
    }

    func write(to writer: inout MessageWriter) {
        writer.buffer.writeInteger(preference)
        writer.writeName(exchange, compress: true)
    }
}
