import NIOCore

/// The 2-byte big-endian length framing of DNS messages over TCP (RFC 1035 4.2.2, RFC 7766 8).
///
/// As a decoder it yields each whole message without its prefix; ``framed(_:allocator:)``
/// prefixes a response with its length.
struct TCPMessageFramer: ByteToMessageDecoder {
    typealias InboundOut = ByteBuffer

    /// A framing violation; the connection is closed.
    enum FramingError: Error {
        /// The peer sent a message of length 0.
        case emptyMessage
        /// A response does not fit the 16-bit length prefix.
        case responseTooLarge(Int)
    }

    private static let prefixSize = MemoryLayout<UInt16>.size

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let length = buffer.getInteger(at: buffer.readerIndex, as: UInt16.self) else {
            return .needMoreData
        }
        guard length > 0 else {
            throw FramingError.emptyMessage
        }
        guard buffer.readableBytes >= Self.prefixSize + Int(length) else {
            return .needMoreData
        }
        buffer.moveReaderIndex(forwardBy: Self.prefixSize)
        context.fireChannelRead(Self.wrapInboundOut(buffer.readSlice(length: Int(length))!))
        return .continue
    }

    mutating func decodeLast(
        context: ChannelHandlerContext,
        buffer: inout ByteBuffer,
        seenEOF: Bool
    ) throws -> DecodingState {
        let state = try self.decode(context: context, buffer: &buffer)
        if state == .needMoreData {
            // A message cut by the end of the stream cannot be answered.
            buffer.moveReaderIndex(to: buffer.writerIndex)
        }
        return state
    }

    /// Returns `message` behind its 2-byte length, or throws when it is longer than 65535 bytes.
    static func framed(_ message: ByteBuffer, allocator: ByteBufferAllocator) throws -> ByteBuffer {
        guard let length = UInt16(exactly: message.readableBytes) else {
            throw FramingError.responseTooLarge(message.readableBytes)
        }
        var framed = allocator.buffer(capacity: Self.prefixSize + message.readableBytes)
        framed.writeInteger(length)
        framed.writeImmutableBuffer(message)
        return framed
    }
}
