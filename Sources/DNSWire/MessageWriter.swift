public import NIOCore

/// Writes one message into a buffer, compressing names against those already written.
public struct MessageWriter {
    public var buffer: ByteBuffer
    /// Buffer index of the message's first byte; compression offsets are relative to it.
    public let messageStart: Int
    /// Where the serials of the SOA records written so far lie, relative to the message start.
    public private(set) var soaSerialOffsets: [Int] = []
    private var compressor = NameCompressor()

    /// Starts a message at the buffer's current writer index.
    public init(buffer: ByteBuffer) {
        self.buffer = buffer
        self.messageStart = buffer.writerIndex
    }

    /// Bytes written so far for this message.
    public var size: Int { buffer.writerIndex - messageStart }

    /// Writes a name, compressed when `compress` is true (owner names and the RDATA names of
    /// RFC 1035 types), verbatim otherwise (RFC 3597 §4).
    public mutating func writeName(_ name: DomainName, compress: Bool) {
        if compress {
            compressor.write(name, into: &buffer, messageStart: messageStart)
        } else {
            buffer.writeDomainName(name)
        }
    }

    /// Notes that an SOA serial is written next.
    mutating func markSOASerial() {
        soaSerialOffsets.append(size)
    }

    /// Drops everything written after `size` bytes of the message. Compression entries and SOA
    /// serials in the dropped part are forgotten too.
    public mutating func rollBack(toSize size: Int) {
        buffer.moveWriterIndex(to: messageStart + size)
        compressor.forget(offsetsFrom: size)
        soaSerialOffsets.removeAll { $0 >= size }
    }
}
