/// Tells on which line each zone-file entry starts, from the bytes libldns consumed for it.
///
/// libldns counts lines only up to the end of an entry, after it has also swallowed the
/// comments and blank lines before it; the entry itself starts on the first line that holds
/// something else.
struct LineLocator {
    private let bytes: [UInt8]
    private var offset = 0
    private var line = 1

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The first line from the current position up to `end` with text outside comments, or the
    /// line at `end` when there is none; moves the position to `end`.
    mutating func entryLine(endingAt end: Int) -> Int {
        var entryLine: Int?
        var inComment = false
        while offset < min(end, bytes.count) {
            let byte = bytes[offset]
            offset += 1
            if byte == UInt8(ascii: "\n") {
                line += 1
                inComment = false
                continue
            }
            guard entryLine == nil, !inComment else { continue }
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), 0x0B, 0x0C:
                continue
            case UInt8(ascii: ";"):
                inComment = true
            default:
                entryLine = line
            }
        }
        return entryLine ?? line
    }
}
