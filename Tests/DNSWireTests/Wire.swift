import DNSWire
import NIOCore

/// Decoding and encoding through `ByteBuffer`, with byte arrays on both ends.
enum Wire {
    static func decode(_ bytes: [UInt8]) throws(DNSWireError) -> Message {
        var buffer = ByteBuffer(bytes: bytes)
        return try buffer.readMessage()
    }

    static func encode(_ message: Message, sizeLimit: Int = Message.maxSize) -> (bytes: [UInt8], truncated: Bool) {
        let (bytes, report) = encodeReporting(message, sizeLimit: sizeLimit)
        return (bytes, report.truncated)
    }

    static func encodeReporting(_ message: Message, sizeLimit: Int = Message.maxSize) -> (bytes: [UInt8], report: EncodingReport) {
        var buffer = ByteBuffer()
        let report = message.encode(into: &buffer, sizeLimit: sizeLimit)
        return (Array(buffer.readableBytesView), report)
    }

    static func encode(_ record: ResourceRecord) -> [UInt8] {
        var writer = MessageWriter(buffer: ByteBuffer())
        writer.writeRecord(record)
        return Array(writer.buffer.readableBytesView)
    }
}
