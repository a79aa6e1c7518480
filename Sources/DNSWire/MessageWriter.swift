public import NIOCore

/// Writes one message into a buffer, compressing names against those already written.
public struct MessageWriter {
    public internal(set) var buffer: ByteBuffer
    /// Buffer index of the message's first byte; compression offsets are relative to it.
    public let messageStart: Int
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

    /// Drops everything written after `size` bytes of the message. Compression entries that
    /// pointed into the dropped part are forgotten too.
    mutating func rollBack(toSize size: Int) {
        buffer.moveWriterIndex(to: messageStart + size)
        compressor.forget(offsetsFrom: size)
    }
}
