extension DomainName {
    /// Parses a name in presentation format (RFC 1035 §5.1): `a.example`, `a.example.`, `.`,
    /// with `\.`, `\\` and `\DDD` escapes. Every name is taken as absolute.
    public init(_ text: String) throws(DNSWireError) {
        var labels: [[UInt8]] = []
        var label: [UInt8] = []
        var bytes = Array(text.utf8)[...]
        if bytes == [UInt8(ascii: ".")] {
            bytes = []
        }
        while let byte = bytes.popFirst() {
            switch byte {
            case UInt8(ascii: "."):
                guard !label.isEmpty else { throw .invalidName(text) }
                labels.append(label)
                label = []
            case UInt8(ascii: "\\"):
                guard let next = bytes.popFirst() else { throw .invalidName(text) }
                if let hundreds = Self.digit(next) {
                    guard let tens = bytes.popFirst().flatMap(Self.digit),
                        let units = bytes.popFirst().flatMap(Self.digit)
                    else { throw .invalidName(text) }
                    let value = hundreds * 100 + tens * 10 + units
                    guard value <= 255 else { throw .invalidName(text) }
                    label.append(UInt8(value))
                } else {
                    label.append(next)
                }
            default:
                label.append(byte)
            }
        }
        if !label.isEmpty {
            labels.append(label)
        }
        try self.init(labels: labels)
    }

    private static func digit(_ byte: UInt8) -> Int? {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) ? Int(byte - UInt8(ascii: "0")) : nil
    }

    /// The name in presentation format with a trailing dot, escaping special and non-printable bytes.
    public var description: String {
        guard !isRoot else { return "." }
        var text = ""
        for label in labels {
            for byte in label {
                switch byte {
                case UInt8(ascii: "."), UInt8(ascii: "\\"), UInt8(ascii: "\""), UInt8(ascii: "("),
                    UInt8(ascii: ")"), UInt8(ascii: ";"), UInt8(ascii: "@"), UInt8(ascii: "$"):
                    text.append("\\")
                    text.append(Character(Unicode.Scalar(byte)))
                case 0x21...0x7E:
                    text.append(Character(Unicode.Scalar(byte)))
                default:
                    text.append("\\")
                    text.append(Self.threeDigits(byte))
                }
            }
            text.append(".")
        }
        return text
    }

    static func threeDigits(_ byte: UInt8) -> String {
        let digits = String(byte)
        return String(repeating: "0", count: 3 - digits.count) + digits
    }
}
