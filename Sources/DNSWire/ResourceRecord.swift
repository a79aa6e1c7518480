public import NIOCore

/// One resource record (RFC 1035 §3.2.1): owner, class, TTL and typed RDATA.
public struct ResourceRecord: Hashable, Sendable, CustomStringConvertible {
    public var name: DomainName
    public var recordClass: RecordClass
    public var ttl: UInt32
    public var rdata: RData

    public init(name: DomainName, recordClass: RecordClass = .internet, ttl: UInt32, rdata: RData) {
        self.name = name
        self.recordClass = recordClass
        self.ttl = ttl
        self.rdata = rdata
    }

    /// Decodes one uncompressed record in wire form (owner, type, class, TTL, RDLENGTH, RDATA).
    public init(wire: [UInt8]) throws(DNSWireError) {
        var buffer = ByteBuffer(bytes: wire)
        self = try buffer.readResourceRecord(messageStart: buffer.readerIndex)
        guard buffer.readableBytes == 0 else { throw .trailingData }
    }

    public var type: RecordType { rdata.type }

    /// Zone-file form: `name TTL class type rdata`, fields separated by single spaces.
    public var description: String { "\(name) \(ttl) \(recordClass) \(type) \(rdata)" }
}

extension ByteBuffer {
    /// Reads one record; an OPT record comes back with opaque RDATA (see ``EDNS``).
    public mutating func readResourceRecord(messageStart: Int) throws(DNSWireError) -> ResourceRecord {
        let name = try readDomainName(messageStart: messageStart)
        guard let (type, recordClass, ttl, length) = readMultipleIntegers(as: (UInt16, UInt16, UInt32, UInt16).self)
        else { throw .truncated }
        let rdata = try RData.read(
            type: RecordType(rawValue: type), length: Int(length), from: &self, messageStart: messageStart)
        return ResourceRecord(name: name, recordClass: RecordClass(rawValue: recordClass), ttl: ttl, rdata: rdata)
    }
}

extension MessageWriter {
    /// Writes one record, compressing its owner and the names in RFC 1035 RDATA.
    public mutating func writeRecord(_ record: ResourceRecord) {
        writeName(record.name, compress: true)
        buffer.writeMultipleIntegers(record.type.rawValue, record.recordClass.rawValue, record.ttl)
        let lengthIndex = buffer.writerIndex
        buffer.writeInteger(UInt16(0))
        record.rdata.write(to: &self)
        buffer.setInteger(UInt16(buffer.writerIndex - lengthIndex - 2), at: lengthIndex)
    }
}
