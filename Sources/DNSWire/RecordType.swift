/// A resource record TYPE (RFC 1035 §3.2.2, IANA registry); unknown values are kept as numbers (RFC 3597).
public struct RecordType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: UInt16

    public init(rawValue: UInt16) { self.rawValue = rawValue }

    public static let a = RecordType(rawValue: 1)
    public static let ns = RecordType(rawValue: 2)
    public static let cname = RecordType(rawValue: 5)
    public static let soa = RecordType(rawValue: 6)
    public static let ptr = RecordType(rawValue: 12)
    public static let hinfo = RecordType(rawValue: 13)
    public static let mx = RecordType(rawValue: 15)
    public static let txt = RecordType(rawValue: 16)
    public static let aaaa = RecordType(rawValue: 28)
    public static let srv = RecordType(rawValue: 33)
    public static let opt = RecordType(rawValue: 41)
    public static let ds = RecordType(rawValue: 43)
    public static let rrsig = RecordType(rawValue: 46)
    public static let nsec = RecordType(rawValue: 47)
    public static let caa = RecordType(rawValue: 257)
    public static let ixfr = RecordType(rawValue: 251)
    public static let axfr = RecordType(rawValue: 252)
    public static let any = RecordType(rawValue: 255)

    private static let mnemonics: [UInt16: String] = [
        1: "A", 2: "NS", 5: "CNAME", 6: "SOA", 12: "PTR", 13: "HINFO", 15: "MX", 16: "TXT",
        28: "AAAA", 33: "SRV", 41: "OPT", 43: "DS", 46: "RRSIG", 47: "NSEC", 251: "IXFR", 252: "AXFR", 255: "ANY", 257: "CAA",
    ]

    /// True for meta types and QTYPEs that never name stored data (OPT, IXFR, AXFR, ANY, ...).
    public var isMetaType: Bool { rawValue == 41 || (128...255).contains(rawValue) }

    /// The mnemonic, or `TYPEnnn` (RFC 3597) when there is none.
    public var description: String { Self.mnemonics[rawValue] ?? "TYPE\(rawValue)" }
}
