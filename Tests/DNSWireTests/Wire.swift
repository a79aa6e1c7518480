import DNSWire
import NIOCore

/// Decoding and encoding through `ByteBuffer`, with byte arrays on both ends.
enum Wire {
    static func decode(_ bytes: [UInt8]) throws(DNSWireError) -> Message {
        var buffer = ByteBuffer(bytes: bytes)
        return try buffer.readMessage()
    }

    static func encode(_ message: Message, sizeLimit: Int = Message.maxSize) -> (bytes: [UInt8], truncated: Bool) {
        var buffer = ByteBuffer()
        let truncated = message.encode(into: &buffer, sizeLimit: sizeLimit)
        return (Array(buffer.readableBytesView), truncated)
    }

    static func encode(_ record: ResourceRecord) -> [UInt8] {
        var writer = MessageWriter(buffer: ByteBuffer())
        writer.writeRecord(record)
        return Array(writer.buffer.readableBytesView)
    }
}
