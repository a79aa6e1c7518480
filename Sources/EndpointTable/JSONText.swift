/// Compact JSON text written member by member, for the rows the SQLite store writes on every
/// push: several times faster than `JSONEncoder`, which builds a tree of values and sorts keys
/// for each record. Members appear in the order they are written; the records write theirs
/// sorted by key, as `JSONEncoder` with `.sortedKeys` does, so stored rows look the same.
///
///     var json = JSONText()
///     json.object { json in
///         json.member("port") { $0.number(80) }
///     }
///     json.text  // {"port":80}
struct JSONText {
    private(set) var bytes: [UInt8] = []
    private var needsComma = false

    init() {
        bytes.reserveCapacity(256)
    }

    var text: String {
        String(decoding: bytes, as: UTF8.self)
    }

    mutating func object(_ members: (inout JSONText) -> Void) {
        open(UInt8(ascii: "{"))
        members(&self)
        close(UInt8(ascii: "}"))
    }

    mutating func array<S: Sequence>(_ elements: S, _ element: (inout JSONText, S.Element) -> Void) {
        open(UInt8(ascii: "["))
        for value in elements {
            separate()
            element(&self, value)
            needsComma = true
        }
        close(UInt8(ascii: "]"))
    }

    /// A member named `key`; `value` writes exactly one value.
    mutating func member(_ key: String, _ value: (inout JSONText) -> Void) {
        separate()
        appendString(key)
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
        value(&self)
        needsComma = true
    }

    /// A member named `key` when `value` is not `nil`, left out otherwise (as `encodeIfPresent`).
    mutating func optionalMember<T>(_ key: String, _ value: T?, _ write: (inout JSONText, T) -> Void) {
        guard let value else { return }
        member(key) { write(&$0, value) }
    }

    mutating func string(_ value: String) {
        appendString(value)
    }

    mutating func number<I: BinaryInteger>(_ value: I) {
        bytes.append(contentsOf: String(value).utf8)
    }

    mutating func bool(_ value: Bool) {
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }

    private mutating func open(_ bracket: UInt8) {
        bytes.append(bracket)
        needsComma = false
    }

    private mutating func close(_ bracket: UInt8) {
        bytes.append(bracket)
        needsComma = true
    }

    /// The comma before a member or an array element that follows another.
    private mutating func separate() {
        if needsComma {
            bytes.append(UInt8(ascii: ","))
            needsComma = false
        }
    }

    /// `value` quoted, escaped as `JSONEncoder` escapes: quote, backslash and slash with a
    /// backslash, control characters as `\b \t \n \f \r` or `\u00XX`, everything else as UTF-8.
    private mutating func appendString(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"):
                bytes.append(UInt8(ascii: "\\"))
                bytes.append(byte)
            case 0x08: bytes.append(contentsOf: #"\b"#.utf8)
            case 0x09: bytes.append(contentsOf: #"\t"#.utf8)
            case 0x0A: bytes.append(contentsOf: #"\n"#.utf8)
            case 0x0C: bytes.append(contentsOf: #"\f"#.utf8)
            case 0x0D: bytes.append(contentsOf: #"\r"#.utf8)
            case 0x00..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: #"\u00"#.utf8)
                bytes.append(hex[Int(byte >> 4)])
                bytes.append(hex[Int(byte & 0x0F)])
            default:
                bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
