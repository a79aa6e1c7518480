import DNSWire
import NIOCore

/// Packs the records of one transfer response into as few messages as fit (RFC 5936 §2.2): the
/// question in the first, then records in order, each message at most `sizeLimit` bytes.
enum TransferMessages {
    /// The most a transfer message takes before its TSIG record, leaving that room below 65535.
    static let sizeLimit = Message.maxSize - 512

    /// The response messages carrying `records`, each with `query`'s ID, AA set and RCODE NOERROR.
    static func messages(answering query: Header, question: Question, records: [ResourceRecord], sizeLimit: Int = sizeLimit) -> [ByteBuffer] {
        var messages: [ByteBuffer] = []
        var next = records.startIndex
        repeat {
            var writer = MessageWriter(buffer: ByteBuffer())
            writer.buffer.writeRepeatingByte(0, count: Header.size)
            let carriesQuestion = messages.isEmpty
            if carriesQuestion {
                writer.writeName(question.name, compress: true)
                writer.buffer.writeMultipleIntegers(question.type.rawValue, question.recordClass.rawValue)
            }
            var count = 0
            while next < records.endIndex {
                let before = writer.size
                writer.writeRecord(records[next])
                guard writer.size <= sizeLimit || count == 0 else {
                    writer.rollBack(toSize: before)
                    break
                }
                count += 1
                next += 1
            }
            var header = Message(replyingTo: query, rcode: .noError).header
            header.authoritativeAnswer = true
            writer.buffer.setMultipleIntegers(
                header.id, header.flags, UInt16(carriesQuestion ? 1 : 0), UInt16(count), UInt16(0), UInt16(0), at: writer.messageStart)
            messages.append(writer.buffer)
        } while next < records.endIndex
        return messages
    }
}
