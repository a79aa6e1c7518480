/// Writes an OPT pseudo-record (RFC 6891 §6.1.2) in place, option by option, for code that
/// appends one to a message it copies instead of encoding: root owner, type OPT, the UDP payload
/// size as class, extended RCODE, version 0 and the flags as TTL, then the options, with the data
/// length set by ``finish()``.
///
///     var opt = OPTRecordWriter(into: tail, payloadSize: 1232, flags: 0x8000)
///     opt.appendOption(code: EDNSOption.Code.nsid.rawValue, length: nsid.count) { $0.copyBytes(from: nsid) }
///     let length = opt.finish()
public struct OPTRecordWriter {
    /// Owner, type, class and TTL: the bytes before the data length.
    public static let fixedLength = 9
    /// Where the data length lies, from the record's start.
    public static let dataLengthOffset = fixedLength
    /// Where the upper eight bits of the extended RCODE lie (the TTL's first byte).
    public static let extendedRCodeOffset = 5
    /// The whole record without options.
    public static let emptyLength = fixedLength + 2

    private let buffer: UnsafeMutableRawBufferPointer
    private var position = OPTRecordWriter.emptyLength

    /// Starts the record at the beginning of `buffer`, which must hold it and its options.
    public init(into buffer: UnsafeMutableRawBufferPointer, payloadSize: UInt16, flags: UInt16) {
        self.buffer = buffer
        buffer[0] = 0
        buffer.storeBytes(of: RecordType.opt.rawValue.bigEndian, toByteOffset: 1, as: UInt16.self)
        buffer.storeBytes(of: payloadSize.bigEndian, toByteOffset: 3, as: UInt16.self)
        buffer.storeBytes(of: UInt32(flags).bigEndian, toByteOffset: 5, as: UInt32.self)
    }

    /// Appends an option of `length` data bytes, which `write` fills.
    public mutating func appendOption(code: UInt16, length: Int, _ write: (UnsafeMutableRawBufferPointer) -> Void) {
        buffer.storeBytes(of: code.bigEndian, toByteOffset: position, as: UInt16.self)
        buffer.storeBytes(of: UInt16(length).bigEndian, toByteOffset: position + 2, as: UInt16.self)
        write(UnsafeMutableRawBufferPointer(rebasing: buffer[(position + 4)..<(position + 4 + length)]))
        position += 4 + length
    }

    /// Sets the data length; returns the record's length.
    public func finish() -> Int {
        buffer.storeBytes(of: UInt16(position - Self.emptyLength).bigEndian, toByteOffset: Self.dataLengthOffset, as: UInt16.self)
        return position
    }
}
