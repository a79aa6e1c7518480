public import DNSWire

/// What a zone says about one question (RFC 1034 §4.3.2), with the records for each section.
public enum LookupResult: Hashable, Sendable {
    /// NOERROR with data; `answers` may start with a CNAME chain.
    case answer(Sections)
    /// NXDOMAIN: the name does not exist; the SOA is in the authority section.
    case nameError(Sections)
    /// NOERROR without data: the name exists but has no record of the type; the SOA is in the authority section.
    case noData(Sections)
    /// The name lies in a delegated child zone: NS in authority, glue in additional, not authoritative.
    case referral(Sections)
    /// No zone of ours holds the name.
    case refused

    /// The records of a response, section by section.
    public struct Sections: Hashable, Sendable {
        public var answers: [ResourceRecord]
        public var authorities: [ResourceRecord]
        public var additionals: [ResourceRecord]

        public init(answers: [ResourceRecord] = [], authorities: [ResourceRecord] = [], additionals: [ResourceRecord] = []) {
            self.answers = answers
            self.authorities = authorities
            self.additionals = additionals
        }
    }

    /// The response code a server sends for this result.
    public var rcode: ResponseCode {
        switch self {
        case .answer, .noData, .referral: .noError
        case .nameError: .nxDomain
        case .refused: .refused
        }
    }

    /// True when the AA bit is set: the data comes from our own zone, not a delegation.
    public var isAuthoritative: Bool {
        switch self {
        case .answer, .nameError, .noData: true
        case .referral, .refused: false
        }
    }

    /// The sections to send; empty for a refusal.
    public var sections: Sections {
        switch self {
        case .answer(let sections), .nameError(let sections), .noData(let sections), .referral(let sections): sections
        case .refused: Sections()
        }
    }
}
