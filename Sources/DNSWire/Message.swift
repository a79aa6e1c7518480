/// A whole DNS message: header, the four sections and the EDNS pseudo-record kept apart.
///
/// The header counts are recomputed on encode; `additionals` never holds the OPT record.
public struct Message: Hashable, Sendable {
    public var header: Header
    public var questions: [Question]
    public var answers: [ResourceRecord]
    public var authorities: [ResourceRecord]
    public var additionals: [ResourceRecord]
    public var edns: EDNS?

    public init(
        header: Header = Header(), questions: [Question] = [], answers: [ResourceRecord] = [],
        authorities: [ResourceRecord] = [], additionals: [ResourceRecord] = [], edns: EDNS? = nil
    ) {
        self.header = header
        self.questions = questions
        self.answers = answers
        self.authorities = authorities
        self.additionals = additionals
        self.edns = edns
    }

    /// The full 12-bit response code; the upper bits live in EDNS, so they need an OPT record.
    public var rcode: ResponseCode {
        get { ResponseCode(rawValue: UInt16(edns?.extendedRCode ?? 0) << 4 | UInt16(header.rcodeBits)) }
        set {
            header.rcodeBits = newValue.headerBits
            edns?.extendedRCode = newValue.extendedBits
        }
    }
}
