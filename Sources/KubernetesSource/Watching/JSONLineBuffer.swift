internal import NIOCore

/// Splits a watch stream, which arrives in chunks of any size, into its newline-terminated JSON events.
struct JSONLineBuffer {
    /// The longest event accepted; a longer line is a broken stream.
    let maximumLineLength: Int
    private var pending = ByteBuffer()

    init(maximumLineLength: Int) {
        self.maximumLineLength = maximumLineLength
    }

    /// Adds `chunk` and returns the lines it completes, without their newline and skipping empty ones.
    mutating func append(_ chunk: ByteBuffer) throws(KubernetesAPIError) -> [ByteBuffer] {
        var chunk = chunk
        pending.writeBuffer(&chunk)
        var lines: [ByteBuffer] = []
        while let newline = pending.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) {
            let length = newline - pending.readerIndex
            if let line = pending.readSlice(length: length), line.readableBytesView.contains(where: { !Self.isWhitespace($0) }) {
                lines.append(line)
            }
            pending.moveReaderIndex(forwardBy: 1)
        }
        guard pending.readableBytes <= maximumLineLength else {
            throw .malformed("a watch event is longer than \(maximumLineLength) bytes")
        }
        pending.discardReadBytes()
        return lines
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\r") || byte == UInt8(ascii: "\t")
    }
}
