/// What a response says, as response rate limiting tells responses apart.
public enum ResponseKind: Int, CaseIterable, Sendable {
    /// NOERROR with records in the answer section.
    case answer
    /// NOERROR without answer records: NODATA, or a referral.
    case nodata
    /// NXDOMAIN.
    case nxdomain
    /// Any other response code, or a response that cannot be read.
    case error

    /// The label in metrics.
    public var name: String {
        switch self {
        case .answer: "answer"
        case .nodata: "nodata"
        case .nxdomain: "nxdomain"
        case .error: "error"
        }
    }
}
