public import NIOCore

extension Message {
    /// Largest message that fits in a TCP frame.
    public static let maxSize = 65535

    /// Encodes the message into `buffer`, keeping it within `sizeLimit` bytes.
    ///
    /// Records are written whole RRsets at a time. When an answer or authority RRset does not
    /// fit, it and everything after it is left out and TC is set (RFC 2181 §9); additional
    /// RRsets that do not fit are left out without TC. The OPT record always fits: its room is
    /// kept from the start.
    /// - Returns: whether the message was truncated, and where the fields lie that answer copies
    ///   patch later.
    @discardableResult
    public func encode(into buffer: inout ByteBuffer, sizeLimit: Int = Message.maxSize) -> EncodingReport {
        var writer = MessageWriter(buffer: buffer)
        writer.buffer.writeRepeatingByte(0, count: Header.size)
        for question in questions {
            writer.writeName(question.name, compress: true)
            writer.buffer.writeMultipleIntegers(question.type.rawValue, question.recordClass.rawValue)
        }
        let recordLimit = min(sizeLimit, Self.maxSize) - (edns?.encodedSize ?? 0)
        var truncated = false
        let answerCount = writer.writeRRsets(answers, limit: recordLimit, truncated: &truncated)
        let authorityCount = truncated ? 0 : writer.writeRRsets(authorities, limit: recordLimit, truncated: &truncated)
        var additionalTruncated = false
        var additionalCount = truncated ? 0 : writer.writeRRsets(additionals, limit: recordLimit, truncated: &additionalTruncated)
        if let edns {
            edns.write(to: &writer)
            additionalCount += 1
        }
        var header = self.header
        header.truncated = header.truncated || truncated
        writer.buffer.setMultipleIntegers(
            header.id, header.flags, UInt16(questions.count), UInt16(answerCount), UInt16(authorityCount),
            UInt16(additionalCount), at: writer.messageStart)
        buffer = writer.buffer
        return EncodingReport(truncated: truncated, soaSerialOffsets: writer.soaSerialOffsets)
    }
}

extension MessageWriter {
    /// Writes records RRset by RRset until one does not fit within `limit`; returns how many were written.
    mutating func writeRRsets(_ records: [ResourceRecord], limit: Int, truncated: inout Bool) -> Int {
        var written = 0
        var start = records.startIndex
        while start < records.endIndex {
            var end = start + 1
            while end < records.endIndex, records[end].type == records[start].type,
                records[end].recordClass == records[start].recordClass, records[end].name == records[start].name
            {
                end += 1
            }
            let sizeBefore = size
            for record in records[start..<end] {
                writeRecord(record)
            }
            guard size <= limit else {
                rollBack(toSize: sizeBefore)
                truncated = true
                return written
            }
            written += end - start
            start = end
        }
        return written
    }
}
