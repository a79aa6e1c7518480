public import NIOCore

extension ByteBuffer {
    /// Most compression pointers a single name may follow before it counts as a loop.
    private static let maxPointerHops = 127

    /// Reads a name that may use compression pointers (RFC 1035 §4.1.4).
    ///
    /// Pointers must point backwards, at an earlier position than the pointer itself, so a
    /// loop can never form; the hop count is bounded as well. Pointers may reach bytes before
    /// the reader index (ByteBuffer's `get` methods only see readable bytes, hence the view
    /// starting at `messageStart`).
    /// - Parameter messageStart: index in this buffer of the first byte of the message.
    public mutating func readDomainName(messageStart: Int) throws(DNSWireError) -> DomainName {
        var message = self
        message.moveReaderIndex(to: messageStart)
        var wire: [UInt8] = []
        var position = readerIndex
        var resumeIndex: Int?
        var hops = 0
        while true {
            guard let length = message.getInteger(at: position, as: UInt8.self) else { throw .truncated }
            switch length & 0xC0 {
            case 0x00:
                guard length != 0 else {
                    wire.append(0)
                    moveReaderIndex(to: resumeIndex ?? position + 1)
                    return DomainName(trustedWire: wire)
                }
                guard wire.count + Int(length) + 2 <= DomainName.maxWireLength else { throw .nameTooLong }
                guard let label = message.getBytes(at: position, length: Int(length) + 1) else { throw .truncated }
                wire.append(contentsOf: label)
                position += Int(length) + 1
            case 0xC0:
                guard let pointer = message.getInteger(at: position, as: UInt16.self) else { throw .truncated }
                let target = messageStart + Int(pointer & 0x3FFF)
                guard target < position else { throw .badPointer }
                hops += 1
                guard hops <= Self.maxPointerHops else { throw .pointerLoop }
                if resumeIndex == nil {
                    resumeIndex = position + 2
                }
                position = target
            default:
                throw .badLabelType
            }
        }
    }

    /// Writes a name without compression; returns the number of bytes written.
    @discardableResult
    public mutating func writeDomainName(_ name: DomainName) -> Int {
        writeBytes(name.wire)
    }
}
