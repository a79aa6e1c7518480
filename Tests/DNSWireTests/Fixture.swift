/// Fixture bytes written as hex digits and `'quoted ASCII'`, with `;` comments to the end of
/// the line, so messages can be laid out field by field as in the RFCs.
///
///     [UInt8](fixture: "07 'example' 03 'com' 00  ; example.com.")
extension [UInt8] {
    init(fixture: String) {
        var bytes: [UInt8] = []
        var highNibble: UInt8?
        var inQuote = false
        var inComment = false
        for character in fixture {
            if inComment {
                inComment = !character.isNewline
            } else if inQuote {
                if character == "'" {
                    inQuote = false
                } else {
                    precondition(character.isASCII, "fixture text must be ASCII")
                    bytes.append(contentsOf: character.utf8)
                }
            } else if character == "'" || character == ";" || character.isWhitespace {
                precondition(highNibble == nil, "fixture byte split in the middle")
                inQuote = character == "'"
                inComment = character == ";"
            } else {
                guard let nibble = character.hexDigitValue.map(UInt8.init) else {
                    preconditionFailure("not a hex digit in fixture: \(character)")
                }
                if let high = highNibble {
                    bytes.append(high << 4 | nibble)
                    highNibble = nil
                } else {
                    highNibble = nibble
                }
            }
        }
        precondition(highNibble == nil && !inQuote, "fixture ends in the middle of a byte or quote")
        self = bytes
    }

    /// Lower-case hex, one space between bytes, so failed comparisons read like the fixtures.
    var hex: String {
        map { byte in
            let digits = String(byte, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }.joined(separator: " ")
    }

    /// The two bytes of `value` in network order.
    static func bigEndian(_ value: UInt16) -> [UInt8] {
        [UInt8(value >> 8), UInt8(value & 0xFF)]
    }
}
