/// An Extended DNS Error (RFC 8914): an INFO-CODE saying why a response is what it is, and
/// optional UTF-8 EXTRA-TEXT for people; carried as EDNS option 15.
///
///     response.edns?.options.append(ExtendedDNSError(.staleAnswer, text: "leases lapsed: gke-1").option)
public struct ExtendedDNSError: Hashable, Sendable {
    /// An INFO-CODE from the IANA registry.
    public struct InfoCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public var rawValue: UInt16
        public init(rawValue: UInt16) { self.rawValue = rawValue }

        /// Other Error (0): the extra text says what.
        public static let other = InfoCode(rawValue: 0)
        /// Stale Answer (3): answered from data past its freshness (RFC 8767).
        public static let staleAnswer = InfoCode(rawValue: 3)
        /// Prohibited (18): the client may not have this answer.
        public static let prohibited = InfoCode(rawValue: 18)
        /// Not Authoritative (20): the name lies outside every zone of the server.
        public static let notAuthoritative = InfoCode(rawValue: 20)
        /// Not Supported (21): the query asks for something the server does not implement.
        public static let notSupported = InfoCode(rawValue: 21)

        public var description: String {
            switch self {
            case .other: "Other Error"
            case .staleAnswer: "Stale Answer"
            case .prohibited: "Prohibited"
            case .notAuthoritative: "Not Authoritative"
            case .notSupported: "Not Supported"
            default: "\(rawValue)"
            }
        }
    }

    /// The most bytes of extra text gnsd sends, so the option stays small beside any answer.
    public static let maxTextLength = 200

    public var infoCode: InfoCode
    /// The EXTRA-TEXT as UTF-8, at most ``maxTextLength`` bytes (cut at a character boundary).
    public private(set) var text: [UInt8]

    public init(_ infoCode: InfoCode, text: String = "") {
        self.infoCode = infoCode
        var cut = Substring(text)
        while cut.utf8.count > Self.maxTextLength {
            cut = cut.dropLast()
        }
        self.text = Array(cut.utf8)
    }

    /// Reads the option data `data`; `nil` when it is shorter than an INFO-CODE.
    public init?(optionData data: [UInt8]) {
        guard data.count >= 2 else { return nil }
        infoCode = InfoCode(rawValue: UInt16(data[0]) << 8 | UInt16(data[1]))
        text = Array(data[2...])
    }

    /// The bytes the option takes in an OPT record: code, length, INFO-CODE and text.
    public var optionLength: Int { 6 + text.count }

    /// The option's data: INFO-CODE and text.
    public var optionData: [UInt8] {
        [UInt8(infoCode.rawValue >> 8), UInt8(infoCode.rawValue & 0xFF)] + text
    }

    /// The EDNS option carrying the error.
    public var option: EDNSOption {
        EDNSOption(code: .extendedError, data: optionData)
    }
}
