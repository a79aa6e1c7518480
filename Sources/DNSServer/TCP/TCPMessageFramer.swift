import NIOCore

/// The 2-byte big-endian length framing of DNS messages over TCP (RFC 1035 4.2.2, RFC 7766 8),
/// with the connection's two clocks.
///
/// As a decoder it yields each whole message without its prefix; ``framed(_:allocator:)``
/// prefixes a response with its length. The connection is closed when no message starts within
/// `idleTimeout` of the last complete one (or of the connection's start), and when a message that
/// has started does not complete within `messageTimeout`: bytes trickling in reset neither clock.
/// Each complete message is reported to `activity`, which orders connections for eviction.
struct TCPMessageFramer: ByteToMessageDecoder {
    typealias InboundOut = ByteBuffer

    /// A framing violation; the connection is closed.
    enum FramingError: Error {
        /// The peer sent a message of length 0.
        case emptyMessage
        /// A response does not fit the 16-bit length prefix.
        case responseTooLarge(Int)
    }

    /// The largest a connection's undecoded input can grow: one whole message and its prefix.
    static let maxBufferedBytes = prefixSize + Int(UInt16.max)
    private static let prefixSize = MemoryLayout<UInt16>.size

    private let idleTimeout: TimeAmount
    private let messageTimeout: TimeAmount
    private let activity: TCPConnectionActivity
    private var idleDeadline: Scheduled<Void>?
    private var messageDeadline: Scheduled<Void>?

    init(idleTimeout: TimeAmount, messageTimeout: TimeAmount, activity: TCPConnectionActivity) {
        self.idleTimeout = idleTimeout
        self.messageTimeout = messageTimeout
        self.activity = activity
    }

    mutating func decoderAdded(context: ChannelHandlerContext) {
        idleDeadline = Self.closingWhenIdle(context, after: idleTimeout, activity: activity)
    }

    mutating func decoderRemoved(context: ChannelHandlerContext) {
        idleDeadline?.cancel()
        messageDeadline?.cancel()
    }

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let length = buffer.getInteger(at: buffer.readerIndex, as: UInt16.self) else {
            startMessageClock(context, pending: buffer.readableBytes)
            return .needMoreData
        }
        guard length > 0 else {
            throw FramingError.emptyMessage
        }
        guard buffer.readableBytes >= Self.prefixSize + Int(length) else {
            startMessageClock(context, pending: buffer.readableBytes)
            return .needMoreData
        }
        buffer.moveReaderIndex(forwardBy: Self.prefixSize)
        let message = buffer.readSlice(length: Int(length))!
        messageDeadline?.cancel()
        messageDeadline = nil
        idleDeadline?.cancel()
        idleDeadline = Self.closingWhenIdle(context, after: idleTimeout, activity: activity)
        activity.noteMessage(at: context.eventLoop.now)
        context.fireChannelRead(Self.wrapInboundOut(message))
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
            messageDeadline?.cancel()
        }
        return state
    }

    /// Starts the clock of a message once its first bytes are in; later bytes do not restart it.
    private mutating func startMessageClock(_ context: ChannelHandlerContext, pending: Int) {
        guard pending > 0, messageDeadline == nil else { return }
        messageDeadline = Self.closing(context, after: messageTimeout)
    }

    /// Closes the connection once it has been idle for `idle`, counted from its last message in
    /// or out (``TCPConnectionActivity/lastMessage``): checked after `idle`, then again while a
    /// response is being worked out (``TCPConnectionActivity/isAnswering``: gnsd, not the
    /// client, is the one taking time) or until `idle` after the response went out.
    private static func closingWhenIdle(
        _ context: ChannelHandlerContext, after idle: TimeAmount, activity: TCPConnectionActivity
    ) -> Scheduled<Void> {
        let channel = context.channel
        let eventLoop = context.eventLoop
        @Sendable func check() {
            let deadline = activity.lastMessage + idle
            if activity.isAnswering {
                eventLoop.scheduleTask(in: idle, check)
            } else if deadline <= eventLoop.now {
                channel.close(promise: nil)
            } else {
                eventLoop.scheduleTask(deadline: deadline, check)
            }
        }
        return eventLoop.scheduleTask(in: idle, check)
    }

    /// Closes the connection after `delay` unless cancelled.
    private static func closing(_ context: ChannelHandlerContext, after delay: TimeAmount) -> Scheduled<Void> {
        let channel = context.channel
        return context.eventLoop.scheduleTask(in: delay) {
            channel.close(promise: nil)
        }
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
