import DNSWire
import NIOCore

/// A received message split at its TSIG record, the last record of its additional section.
struct SignedMessage {
    let keyName: DomainName
    let record: TSIGRecord
    /// The message as it was before it was signed: without the TSIG record, one additional record
    /// fewer, and its ID the original ID.
    let unsigned: [UInt8]

    /// Splits `message`; `nil` when it carries no TSIG record. Throws when it cannot be read or a
    /// TSIG record is not its last record (RFC 8945 §5.1: FORMERR).
    static func read(_ message: ByteBuffer) throws(DNSWireError) -> SignedMessage? {
        var buffer = message
        let start = buffer.readerIndex
        guard let header = buffer.peekHeader() else { throw .truncated }
        buffer.moveReaderIndex(forwardBy: Header.size)
        for _ in 0..<header.questionCount {
            _ = try buffer.readQuestion(messageStart: start)
        }
        let records = Int(header.answerCount) + Int(header.authorityCount) + Int(header.additionalCount)
        guard records > 0 else { return nil }
        var lastStart = buffer.readerIndex
        var last: (name: DomainName, type: RecordType, length: Int, rdataStart: Int)?
        for index in 0..<records {
            lastStart = buffer.readerIndex
            let name = try buffer.readDomainName(messageStart: start)
            guard let (type, _, _, length) = buffer.readMultipleIntegers(as: (UInt16, UInt16, UInt32, UInt16).self),
                buffer.readableBytes >= Int(length)
            else { throw .truncated }
            let recordType = RecordType(rawValue: type)
            if recordType == TSIGRecord.type, index != records - 1 || header.additionalCount == 0 {
                throw .badRData(TSIGRecord.type)
            }
            last = (name, recordType, Int(length), buffer.readerIndex)
            buffer.moveReaderIndex(forwardBy: Int(length))
        }
        guard buffer.readableBytes == 0 else { throw .trailingData }
        guard let last, last.type == TSIGRecord.type else { return nil }
        var rdata = message
        rdata.moveReaderIndex(to: last.rdataStart)
        let record = try TSIGRecord(reading: &rdata, length: last.length, messageStart: start)
        var unsigned = Array(message.getBytes(at: start, length: lastStart - start) ?? [])
        unsigned[0] = UInt8(record.originalID >> 8)
        unsigned[1] = UInt8(record.originalID & 0xFF)
        let additional = header.additionalCount - 1
        unsigned[10] = UInt8(additional >> 8)
        unsigned[11] = UInt8(additional & 0xFF)
        return SignedMessage(keyName: last.name.lowercased(), record: record, unsigned: unsigned)
    }
}
