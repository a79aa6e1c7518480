/// The TSIG error field (RFC 8945 §5.2 and the IANA registry): why a signature was refused.
public struct TSIGError: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt16

    public init(rawValue: UInt16) {
        self.rawValue = rawValue
    }

    public static let none = TSIGError(rawValue: 0)
    public static let badSignature = TSIGError(rawValue: 16)
    public static let badKey = TSIGError(rawValue: 17)
    public static let badTime = TSIGError(rawValue: 18)
    public static let badTruncation = TSIGError(rawValue: 22)

    public var description: String {
        switch rawValue {
        case 0: "NOERROR"
        case 16: "BADSIG"
        case 17: "BADKEY"
        case 18: "BADTIME"
        case 22: "BADTRUNC"
        default: "TSIG error \(rawValue)"
        }
    }
}
