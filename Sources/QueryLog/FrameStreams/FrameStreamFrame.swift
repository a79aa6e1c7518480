/// Frame Streams (the fstrm protocol that carries dnstap): a data frame is its length as a
/// big-endian 32-bit number and its bytes; a control frame is a zero length (the escape), the
/// control frame's length, its type and its fields, of which only the content type is defined.
enum FrameStreamFrame {
    /// The control frames' types.
    enum Control: UInt32 {
        /// The reader accepts the writer's content type (bidirectional streams only).
        case accept = 0x01
        /// The first frame of a stream, naming its content type.
        case start = 0x02
        /// The last frame of a stream.
        case stop = 0x03
        /// The writer offers its content type (bidirectional streams only).
        case ready = 0x04
        /// The reader's answer to STOP (bidirectional streams only).
        case finish = 0x05
    }

    /// The content type dnstap streams carry.
    static let dnstapContentType = Array("protobuf:dnstap.Dnstap".utf8)
    /// The one control field type: a content type.
    static let contentTypeField: UInt32 = 0x01
    /// The longest control frame a reader must accept (fstrm's limit).
    static let maxControlLength = 512

    /// Appends a data frame carrying `payload`.
    static func appendData(_ payload: [UInt8], to output: inout [UInt8]) {
        appendUInt32(UInt32(payload.count), to: &output)
        output.append(contentsOf: payload)
    }

    /// Appends a control frame of type `control`, naming `contentType` when given.
    static func appendControl(_ control: Control, contentType: [UInt8]?, to output: inout [UInt8]) {
        let fieldLength = contentType.map { 8 + $0.count } ?? 0
        appendUInt32(0, to: &output)
        appendUInt32(UInt32(4 + fieldLength), to: &output)
        appendUInt32(control.rawValue, to: &output)
        if let contentType {
            appendUInt32(contentTypeField, to: &output)
            appendUInt32(UInt32(contentType.count), to: &output)
            output.append(contentsOf: contentType)
        }
    }

    /// Reads a control frame's body (what follows its length): its type and the content types it
    /// names; `nil` when the body is malformed.
    static func parseControl(_ body: [UInt8]) -> (control: Control, contentTypes: [[UInt8]])? {
        guard body.count >= 4, let control = Control(rawValue: readUInt32(body, at: 0)) else { return nil }
        var contentTypes: [[UInt8]] = []
        var offset = 4
        while offset < body.count {
            guard offset + 8 <= body.count else { return nil }
            let field = readUInt32(body, at: offset)
            let length = Int(readUInt32(body, at: offset + 4))
            offset += 8
            guard length <= body.count - offset else { return nil }
            if field == contentTypeField {
                contentTypes.append(Array(body[offset..<offset + length]))
            }
            offset += length
        }
        return (control, contentTypes)
    }

    static func appendUInt32(_ value: UInt32, to output: inout [UInt8]) {
        withUnsafeBytes(of: value.bigEndian) { output.append(contentsOf: $0) }
    }

    static func readUInt32(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        bytes[offset..<offset + 4].reduce(0) { $0 << 8 | UInt32($1) }
    }
}
