public import NIOCore

/// One entry of the question section (RFC 1035 §4.1.2).
public struct Question: Hashable, Sendable, CustomStringConvertible {
    public var name: DomainName
    public var type: RecordType
    public var recordClass: RecordClass

    public init(name: DomainName, type: RecordType, recordClass: RecordClass = .internet) {
        self.name = name
        self.type = type
        self.recordClass = recordClass
    }

    public var description: String { "\(name) \(recordClass) \(type)" }
}

extension ByteBuffer {
    /// Reads a question entry.
    public mutating func readQuestion(messageStart: Int) throws(DNSWireError) -> Question {
        let name = try readDomainName(messageStart: messageStart)
        guard let type = readInteger(as: UInt16.self), let recordClass = readInteger(as: UInt16.self) else {
            throw .truncated
        }
        return Question(name: name, type: RecordType(rawValue: type), recordClass: RecordClass(rawValue: recordClass))
    }
}
