public import NIOCore

extension ByteBuffer {
    /// Reads the 12-byte header without touching the rest; `nil` when fewer bytes are there.
    public func peekHeader() -> Header? {
        guard
            let (id, flags, qd, an, ns, ar) = getMultipleIntegers(
                at: readerIndex, as: (UInt16, UInt16, UInt16, UInt16, UInt16, UInt16).self)
        else { return nil }
        return Header(id: id, flags: flags, questionCount: qd, answerCount: an, authorityCount: ns, additionalCount: ar)
    }

    /// Reads a whole message; every malformed input throws a ``DNSWireError``, none traps.
    public mutating func readMessage() throws(DNSWireError) -> Message {
        let messageStart = readerIndex
        guard let header = peekHeader() else { throw .truncated }
        moveReaderIndex(forwardBy: Header.size)
        var message = Message(header: header)
        for _ in 0..<header.questionCount {
            message.questions.append(try readQuestion(messageStart: messageStart))
        }
        message.answers = try readRecords(count: header.answerCount, messageStart: messageStart)
        message.authorities = try readRecords(count: header.authorityCount, messageStart: messageStart)
        for _ in 0..<header.additionalCount {
            let record = try readResourceRecord(messageStart: messageStart)
            guard record.type == .opt else {
                message.additionals.append(record)
                continue
            }
            guard message.edns == nil else { throw .duplicateOPT }
            message.edns = try EDNS(record: record)
        }
        guard readableBytes == 0 else { throw .trailingData }
        return message
    }

    private mutating func readRecords(count: UInt16, messageStart: Int) throws(DNSWireError) -> [ResourceRecord] {
        var records: [ResourceRecord] = []
        for _ in 0..<count {
            let record = try readResourceRecord(messageStart: messageStart)
            guard record.type != .opt else { throw .misplacedOPT }
            records.append(record)
        }
        return records
    }
}
