/// A 16-bit field of an encoded message's header (RFC 1035 §4.1.1), for code that reads or
/// patches messages in place (answer copies, rate limiting) instead of decoding them: the
/// offsets live here, once.
///
///     response.setHeader(.id, to: query.header(.id))
///     response.setHeader(.additionalCount, to: response.header(.additionalCount) + 1)
public enum HeaderField: Int, Sendable, CaseIterable {
    case id = 0
    case flags = 2
    case questionCount = 4
    case answerCount = 6
    case authorityCount = 8
    case additionalCount = 10

    /// The field's byte offset from the start of the message.
    public var offset: Int { rawValue }
}

extension UnsafeRawBufferPointer {
    /// The header field `field`; the caller has checked that the buffer holds a header.
    public func header(_ field: HeaderField) -> UInt16 {
        bigEndianUInt16(at: field.offset)
    }
}

extension UnsafeMutableRawBufferPointer {
    /// The header field `field`; the caller has checked that the buffer holds a header.
    public func header(_ field: HeaderField) -> UInt16 {
        UnsafeRawBufferPointer(self).header(field)
    }

    /// Sets the header field `field` to `value`; the caller has checked that the buffer holds a header.
    public func setHeader(_ field: HeaderField, to value: UInt16) {
        storeBytes(of: value.bigEndian, toByteOffset: field.offset, as: UInt16.self)
    }
}
