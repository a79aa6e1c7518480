internal import NIOCore

/// Service location RDATA (RFC 2782), in RFC order: priority, weight, port, target.
public struct SRVRecord: Hashable, Sendable, CustomStringConvertible {
    public var priority: UInt16
    public var weight: UInt16
    public var port: UInt16
    public var target: DomainName

    public init(priority: UInt16, weight: UInt16, port: UInt16, target: DomainName) {
        self.priority = priority
        self.weight = weight
        self.port = port
        self.target = target
    }

    public var description: String { "\(priority) \(weight) \(port) \(target)" }
}

extension SRVRecord: RDataCodec {
    static func read(from buffer: inout ByteBuffer, messageStart: Int) throws(DNSWireError) -> SRVRecord {
        guard let (priority, weight, port) = buffer.readMultipleIntegers(as: (UInt16, UInt16, UInt16).self) else {
            throw .badRData(.srv)
        }
        return SRVRecord(
            priority: priority, weight: weight, port: port, target: try buffer.readDomainName(messageStart: messageStart))
    }

    /// The target is never compressed (RFC 2782).
    func write(to writer: inout MessageWriter) {
        writer.buffer.writeMultipleIntegers(priority, weight, port)
        writer.writeName(target, compress: false)
    }
}
