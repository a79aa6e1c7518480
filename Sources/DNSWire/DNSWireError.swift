/// Why a DNS message, name or record could not be decoded or parsed.
///
/// Decoding never traps: every malformed input maps to one of these cases.
public enum DNSWireError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The data ended before the structure it announced (header, counts, rdata).
    case truncated
    /// A compression pointer points at or after itself, or outside the message.
    case badPointer
    /// Following compression pointers did not end within the allowed number of hops.
    case pointerLoop
    /// A label is longer than 63 octets.
    case labelTooLong
    /// A name is longer than 255 octets in wire form.
    case nameTooLong
    /// A label starts with the reserved bit patterns 0b01 or 0b10.
    case badLabelType
    /// The RDATA of a record does not match the length or layout its type requires.
    case badRData(RecordType)
    /// Bytes are left over after the last record the header announced.
    case trailingData
    /// More than one OPT pseudo-record.
    case duplicateOPT
    /// An OPT record outside the additional section, or with an owner other than the root.
    case misplacedOPT
    /// A name in presentation format that cannot be turned into wire form.
    case invalidName(String)

    public var description: String {
        switch self {
        case .truncated: "message truncated"
        case .badPointer: "compression pointer out of range"
        case .pointerLoop: "compression pointer loop"
        case .labelTooLong: "label longer than 63 octets"
        case .nameTooLong: "name longer than 255 octets"
        case .badLabelType: "reserved label type"
        case .badRData(let type): "malformed RDATA for \(type)"
        case .trailingData: "trailing data after the last record"
        case .duplicateOPT: "more than one OPT record"
        case .misplacedOPT: "OPT record outside the additional section or not owned by the root"
        case .invalidName(let text): "invalid domain name \"\(text)\""
        }
    }
}
